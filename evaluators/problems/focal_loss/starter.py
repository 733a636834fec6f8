import torch
import torch.nn.functional as F


def focal_loss(logits: torch.Tensor, targets: torch.Tensor, alpha: float = 0.25,
               gamma: float = 2.0, reduction: str = "mean") -> torch.Tensor:
    """Binary sigmoid focal loss: alpha_t * (1 - p_t) ** gamma * BCE, elementwise;
    reduction "mean", "sum" or "none"."""
    raise NotImplementedError
