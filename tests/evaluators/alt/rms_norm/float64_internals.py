# Computes in float64 and returns x's dtype.
import torch


def rms_norm(x: torch.Tensor, weight: torch.Tensor, eps: float = 1e-6) -> torch.Tensor:
    h = x.double()
    scale = 1.0 / torch.sqrt(torch.mean(h * h, dim=-1, keepdim=True) + eps)
    return (h * scale * weight.double()).to(dtype=x.dtype)
