# expect: wrong dimensions
# Normalizes over every dimension except the batch (like a per-sample norm over (L, D)).
import torch


def layer_norm(x, gamma, beta, eps=1e-5):
    dims = tuple(range(1, x.dim())) if x.dim() > 1 else (0,)
    mean = x.mean(dim=dims, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=dims, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * gamma + beta
