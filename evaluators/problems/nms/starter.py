import numpy as np


def nms(boxes, scores, iou_threshold):
    """boxes (N, 4) as x1, y1, x2, y2; scores (N,); area = (x2 - x1) * (y2 - y1).

    Greedily keep the highest-scoring box and drop the others whose IoU with it is
    greater than iou_threshold. Return the kept indices (Python ints), highest score first.
    """
    raise NotImplementedError
