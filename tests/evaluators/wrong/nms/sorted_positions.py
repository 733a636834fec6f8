# expect: positions in the score-sorted order
# Sorts the boxes first and returns positions in the sorted arrays, not original indices.
import numpy as np


def nms(boxes, scores, iou_threshold):
    order = np.argsort(-scores)
    boxes = boxes[order]
    x1, y1, x2, y2 = boxes.T
    areas = (x2 - x1) * (y2 - y1)
    alive = np.ones(len(boxes), dtype=bool)
    keep = []
    for i in range(len(boxes)):
        if not alive[i]:
            continue
        keep.append(i)
        w = np.clip(np.minimum(x2[i], x2) - np.maximum(x1[i], x1), 0, None)
        h = np.clip(np.minimum(y2[i], y2) - np.maximum(y1[i], y1), 0, None)
        iou = w * h / (areas[i] + areas - w * h)
        alive &= ~(iou > iou_threshold)
    return keep
