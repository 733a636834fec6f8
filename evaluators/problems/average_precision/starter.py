import numpy as np


def average_precision(pred_boxes: list, pred_scores: list, gt_boxes: list,
                      iou_threshold: float = 0.5) -> float:
    """One entry per image: pred_boxes[i] (P_i, 4), pred_scores[i] (P_i,), gt_boxes[i] (G_i, 4).
    Greedy matching in descending score order (a detection may only match a ground truth of
    its own image), then the area under the monotone precision envelope (VOC all-point AP)."""
    raise NotImplementedError
