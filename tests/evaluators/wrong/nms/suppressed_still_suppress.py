# expect: already suppressed must not suppress
# Drops a box if ANY higher-scoring box overlaps it, even one that was itself suppressed.
import numpy as np


def _iou(a, b):
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    area = lambda r: (r[2] - r[0]) * (r[3] - r[1])  # noqa: E731
    return inter / (area(a) + area(b) - inter)


def nms(boxes, scores, iou_threshold):
    order = sorted(range(len(boxes)), key=lambda i: -scores[i])
    keep = []
    for rank, i in enumerate(order):
        if all(_iou(boxes[j], boxes[i]) <= iou_threshold for j in order[:rank]):
            keep.append(i)
    return keep
