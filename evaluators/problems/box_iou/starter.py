import torch


def box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """boxes1 (N, 4), boxes2 (M, 4) as x1, y1, x2, y2. Return the (N, M) pairwise IoU."""
    raise NotImplementedError


def generalized_box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """(N, M) GIoU = IoU - (C - union) / C, C the area of the smallest enclosing box."""
    raise NotImplementedError
