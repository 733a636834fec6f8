# p_t = exp(-ce), a common shortcut.
import torch
import torch.nn.functional as F


def focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="mean"):
    ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    p_t = torch.exp(-ce)
    loss = torch.where(targets > 0.5, alpha, 1 - alpha) * (1 - p_t).pow(gamma) * ce
    if reduction == "none":
        return loss
    return loss.sum() if reduction == "sum" else loss.mean()
