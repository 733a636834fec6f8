# expect: not run at full size
# A Python double loop over pairs: correct, far too slow at N = M = 2000.
import torch


def _pair(a, b):
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    cw = max(a[2], b[2]) - min(a[0], b[0])
    ch = max(a[3], b[3]) - min(a[1], b[1])
    return inter / union, inter / union - (cw * ch - union) / (cw * ch)


def _table(boxes1, boxes2, which):
    a, b = boxes1.tolist(), boxes2.tolist()
    out = torch.zeros(len(a), len(b))
    for i in range(len(a)):
        for j in range(len(b)):
            out[i, j] = _pair(a[i], b[j])[which]
    return out


def box_iou(boxes1, boxes2):
    return _table(boxes1, boxes2, 0)


def generalized_box_iou(boxes1, boxes2):
    return _table(boxes1, boxes2, 1)
