# The classic voc_ap (use_07_metric=False) with sentinel values at both ends.
import numpy as np


def _voc_ap(rec, prec):
    mrec = np.concatenate(([0.0], rec, [1.0]))
    mpre = np.concatenate(([0.0], prec, [0.0]))
    for i in range(mpre.size - 1, 0, -1):
        mpre[i - 1] = max(mpre[i - 1], mpre[i])
    i = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1]))


def average_precision(pred_boxes, pred_scores, gt_boxes, iou_threshold=0.5):
    image_ids, confidence, BB = [], [], []
    for i, (bs, ss) in enumerate(zip(pred_boxes, pred_scores)):
        for b, s in zip(np.reshape(bs, (-1, 4)), np.reshape(ss, -1)):
            image_ids.append(i)
            confidence.append(s)
            BB.append(b)
    npos = sum(len(g) for g in gt_boxes)
    if not BB:
        return 0.0
    order = np.argsort(-np.array(confidence))
    BB = np.array(BB)[order]
    image_ids = [image_ids[k] for k in order]
    det = [np.zeros(len(g), dtype=bool) for g in gt_boxes]
    tp, fp = np.zeros(len(BB)), np.zeros(len(BB))
    for d in range(len(BB)):
        R = np.reshape(gt_boxes[image_ids[d]], (-1, 4))
        bb = BB[d]
        ovmax = -np.inf
        if R.size > 0:
            ixmin = np.maximum(R[:, 0], bb[0])
            iymin = np.maximum(R[:, 1], bb[1])
            ixmax = np.minimum(R[:, 2], bb[2])
            iymax = np.minimum(R[:, 3], bb[3])
            iw = np.maximum(ixmax - ixmin, 0.0)
            ih = np.maximum(iymax - iymin, 0.0)
            inters = iw * ih
            uni = ((bb[2] - bb[0]) * (bb[3] - bb[1])
                   + (R[:, 2] - R[:, 0]) * (R[:, 3] - R[:, 1]) - inters)
            overlaps = inters / uni
            ovmax = np.max(overlaps)
            jmax = np.argmax(overlaps)
        if ovmax >= iou_threshold and not det[image_ids[d]][jmax]:
            tp[d] = 1.0
            det[image_ids[d]][jmax] = True
        else:
            fp[d] = 1.0
    fp, tp = np.cumsum(fp), np.cumsum(tp)
    rec = tp / float(npos)
    prec = tp / np.maximum(tp + fp, np.finfo(np.float64).eps)
    return _voc_ap(rec, prec)
