# expect: ground truths of other images
# Concatenates the ground truths of every image into one pool.
import numpy as np


def average_precision(pred_boxes, pred_scores, gt_boxes, iou_threshold=0.5):
    boxes = np.concatenate([np.reshape(b, (-1, 4)) for b in pred_boxes])
    scores = np.concatenate([np.reshape(s, -1) for s in pred_scores])
    gts = np.concatenate([np.reshape(g, (-1, 4)) for g in gt_boxes])
    if len(boxes) == 0:
        return 0.0
    order = np.argsort(-scores)
    used = np.zeros(len(gts), bool)
    tp = np.zeros(len(order))
    for k, d in enumerate(order):
        b = boxes[d]
        iw = np.clip(np.minimum(b[2], gts[:, 2]) - np.maximum(b[0], gts[:, 0]), 0, None)
        ih = np.clip(np.minimum(b[3], gts[:, 3]) - np.maximum(b[1], gts[:, 1]), 0, None)
        inter = iw * ih
        ious = inter / ((b[2] - b[0]) * (b[3] - b[1]) + (gts[:, 2] - gts[:, 0]) * (gts[:, 3] - gts[:, 1]) - inter)
        j = int(np.argmax(ious))
        if ious[j] >= iou_threshold and not used[j]:
            used[j] = True
            tp[k] = 1
    rec = np.cumsum(tp) / len(gts)
    prec = np.cumsum(tp) / np.arange(1, len(tp) + 1)
    env = np.maximum.accumulate(prec[::-1])[::-1]
    return float(np.sum(np.diff(np.concatenate([[0.0], rec])) * env))
