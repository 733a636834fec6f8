# expect: equals the threshold must be kept
# Uses >= instead of >: a box whose IoU equals the threshold is wrongly suppressed.
import numpy as np


def nms(boxes, scores, iou_threshold):
    x1, y1, x2, y2 = boxes.T
    areas = (x2 - x1) * (y2 - y1)
    order = np.argsort(-scores)
    keep = []
    while len(order):
        i = order[0]
        keep.append(int(i))
        w = np.clip(np.minimum(x2[i], x2[order[1:]]) - np.maximum(x1[i], x1[order[1:]]), 0, None)
        h = np.clip(np.minimum(y2[i], y2[order[1:]]) - np.maximum(y1[i], y1[order[1:]]), 0, None)
        iou = w * h / (areas[i] + areas[order[1:]] - w * h)
        order = order[1:][iou < iou_threshold]
    return keep
