import torch


def layer_norm(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
               eps: float = 1e-5) -> torch.Tensor:
    """x (..., D), gamma and beta (D,). Normalize over the last dim with the biased variance,
    eps inside the square root; return a tensor shaped like x."""
    raise NotImplementedError
