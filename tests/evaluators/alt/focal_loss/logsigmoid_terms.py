# Cross-entropy from F.logsigmoid on both sides; float64 internally.
import torch
import torch.nn.functional as F


def focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="mean"):
    x, t = logits.double(), targets.double()
    log_p, log_1mp = F.logsigmoid(x), F.logsigmoid(-x)
    ce = -(t * log_p + (1 - t) * log_1mp)
    p = torch.sigmoid(x)
    one_minus_pt = t * (1 - p) + (1 - t) * p
    weight = alpha * t + (1 - alpha) * (1 - t)
    loss = (weight * one_minus_pt ** gamma * ce).to(logits.dtype)
    return {"mean": loss.mean, "sum": loss.sum}.get(reduction, lambda: loss)()
