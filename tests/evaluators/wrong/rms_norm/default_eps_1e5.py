# expect: default eps looks like 1e-05
# Copies the LayerNorm default eps = 1e-5.
import torch


def rms_norm(x, weight, eps=1e-5):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight
