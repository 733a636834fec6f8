# One Python loop over boxes1, vectorised over boxes2: fast enough at 2000 x 2000.
import torch


def _row(b, boxes2):
    iw = (torch.minimum(b[2], boxes2[:, 2]) - torch.maximum(b[0], boxes2[:, 0])).clamp(min=0)
    ih = (torch.minimum(b[3], boxes2[:, 3]) - torch.maximum(b[1], boxes2[:, 1])).clamp(min=0)
    inter = iw * ih
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    union = (b[2] - b[0]) * (b[3] - b[1]) + area2 - inter
    cw = torch.maximum(b[2], boxes2[:, 2]) - torch.minimum(b[0], boxes2[:, 0])
    ch = torch.maximum(b[3], boxes2[:, 3]) - torch.minimum(b[1], boxes2[:, 1])
    return inter / union, union, cw * ch


def box_iou(boxes1, boxes2):
    out = torch.zeros(len(boxes1), len(boxes2))
    for i in range(len(boxes1)):
        out[i] = _row(boxes1[i], boxes2)[0]
    return out


def generalized_box_iou(boxes1, boxes2):
    out = torch.zeros(len(boxes1), len(boxes2))
    for i in range(len(boxes1)):
        iou, union, c = _row(boxes1[i], boxes2)
        out[i] = iou - (c - union) / c
    return out
