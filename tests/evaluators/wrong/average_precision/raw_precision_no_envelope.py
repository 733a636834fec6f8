# expect: raw precision
import numpy as np


def _iou(b, g):
    iw = np.clip(np.minimum(b[2], g[:, 2]) - np.maximum(b[0], g[:, 0]), 0, None)
    ih = np.clip(np.minimum(b[3], g[:, 3]) - np.maximum(b[1], g[:, 1]), 0, None)
    inter = iw * ih
    return inter / ((b[2] - b[0]) * (b[3] - b[1]) + (g[:, 2] - g[:, 0]) * (g[:, 3] - g[:, 1]) - inter)


def _tp(pred_boxes, pred_scores, gt_boxes, thr):
    dets = sorted(((s, i, b) for i, (bs, ss) in enumerate(zip(pred_boxes, pred_scores))
                   for b, s in zip(bs, ss)), key=lambda d: -d[0])
    used = [np.zeros(len(g), bool) for g in gt_boxes]
    tp = []
    for _, i, b in dets:
        hit = 0
        if len(gt_boxes[i]):
            ious = _iou(b, gt_boxes[i])
            j = int(np.argmax(ious))
            if ious[j] >= thr and not used[i][j]:
                used[i][j] = True
                hit = 1
        tp.append(hit)
    return np.array(tp, dtype=float)


def average_precision(pred_boxes, pred_scores, gt_boxes, iou_threshold=0.5):
    tp = _tp(pred_boxes, pred_scores, gt_boxes, iou_threshold)
    if len(tp) == 0:
        return 0.0
    n_gt = sum(len(g) for g in gt_boxes)
    rec = np.cumsum(tp) / n_gt
    prec = np.cumsum(tp) / np.arange(1, len(tp) + 1)
    return float(np.sum(np.diff(np.concatenate([[0.0], rec])) * prec))
