# expect: that is layernorm
# Confuses RMSNorm with LayerNorm without bias: centers x first.
import torch


def rms_norm(x, weight, eps=1e-6):
    x = x - x.mean(dim=-1, keepdim=True)
    return x / torch.sqrt(x.pow(2).mean(dim=-1, keepdim=True) + eps) * weight
