import torch


def rms_norm(x: torch.Tensor, weight: torch.Tensor, eps: float = 1e-6) -> torch.Tensor:
    """x (..., d), weight (d,). y = x / sqrt(mean(x**2, last dim) + eps) * weight.
    Return a tensor with the shape and dtype of x."""
    raise NotImplementedError
