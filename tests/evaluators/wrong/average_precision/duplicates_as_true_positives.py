# expect: second detection of an already matched ground truth
# Never marks a ground truth as matched.
import numpy as np


def average_precision(pred_boxes, pred_scores, gt_boxes, iou_threshold=0.5):
    dets = sorted(((s, i, b) for i, (bs, ss) in enumerate(zip(pred_boxes, pred_scores))
                   for b, s in zip(bs, ss)), key=lambda d: -d[0])
    n_gt = sum(len(g) for g in gt_boxes)
    if not dets:
        return 0.0
    tp = np.zeros(len(dets))
    for k, (_, i, b) in enumerate(dets):
        g = gt_boxes[i]
        if len(g) == 0:
            continue
        iw = np.clip(np.minimum(b[2], g[:, 2]) - np.maximum(b[0], g[:, 0]), 0, None)
        ih = np.clip(np.minimum(b[3], g[:, 3]) - np.maximum(b[1], g[:, 1]), 0, None)
        inter = iw * ih
        ious = inter / ((b[2] - b[0]) * (b[3] - b[1]) + (g[:, 2] - g[:, 0]) * (g[:, 3] - g[:, 1]) - inter)
        tp[k] = float(ious.max() >= iou_threshold)
    rec = np.minimum(np.cumsum(tp) / n_gt, 1.0)
    prec = np.cumsum(tp) / np.arange(1, len(tp) + 1)
    env = np.maximum.accumulate(prec[::-1])[::-1]
    return float(np.sum(np.diff(np.concatenate([[0.0], rec])) * env))
