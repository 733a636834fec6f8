# nn.RMSNorm built per call.
import torch
from torch import nn


def rms_norm(x, weight, eps=1e-6):
    norm = nn.RMSNorm(x.shape[-1], eps=eps, dtype=x.dtype)
    with torch.no_grad():
        norm.weight.copy_(weight)
    return norm(x)
