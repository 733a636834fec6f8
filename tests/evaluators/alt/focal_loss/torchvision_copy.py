# torchvision.ops.sigmoid_focal_loss, copied (with the alpha >= 0 guard).
import torch
import torch.nn.functional as F


def focal_loss(inputs, targets, alpha: float = 0.25, gamma: float = 2, reduction: str = "mean"):
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "none":
        pass
    elif reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    else:
        raise ValueError(reduction)
    return loss
