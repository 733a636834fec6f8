import numpy as np


def _iou(box, gts):
    iw = np.clip(np.minimum(box[2], gts[:, 2]) - np.maximum(box[0], gts[:, 0]), 0, None)
    ih = np.clip(np.minimum(box[3], gts[:, 3]) - np.maximum(box[1], gts[:, 1]), 0, None)
    inter = iw * ih
    area = (box[2] - box[0]) * (box[3] - box[1])
    return inter / (area + (gts[:, 2] - gts[:, 0]) * (gts[:, 3] - gts[:, 1]) - inter)


def average_precision(pred_boxes, pred_scores, gt_boxes, iou_threshold=0.5):
    dets = [(float(s), i, np.asarray(b, dtype=float))
            for i, (boxes, scores) in enumerate(zip(pred_boxes, pred_scores, strict=True))
            for b, s in zip(np.asarray(boxes).reshape(-1, 4), np.asarray(scores).reshape(-1),
                            strict=True)]
    n_gt = sum(len(np.asarray(g).reshape(-1, 4)) for g in gt_boxes)
    if not dets or n_gt == 0:
        return 0.0
    dets.sort(key=lambda d: -d[0])
    gts = [np.asarray(g, dtype=float).reshape(-1, 4) for g in gt_boxes]
    matched = [np.zeros(len(g), dtype=bool) for g in gts]
    tp = np.zeros(len(dets))
    for k, (_, image, box) in enumerate(dets):
        if len(gts[image]) == 0:
            continue
        ious = _iou(box, gts[image])
        j = int(np.argmax(ious))
        if ious[j] >= iou_threshold and not matched[image][j]:
            matched[image][j] = True
            tp[k] = 1
    tps = np.cumsum(tp)
    recall = tps / n_gt
    precision = tps / np.arange(1, len(dets) + 1)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    previous = np.concatenate([[0.0], recall[:-1]])
    return float(np.sum((recall - previous) * envelope))
