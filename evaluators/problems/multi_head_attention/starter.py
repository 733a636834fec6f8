import torch
from torch import nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        # w_q, w_k, w_v, w_o: each nn.Linear(d_model, d_model) with bias
        raise NotImplementedError

    def forward(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor,
                mask: torch.Tensor | None = None) -> torch.Tensor:
        """q (B, Lq, d_model), k and v (B, Lk, d_model); mask bool, broadcastable to
        (B, n_heads, Lq, Lk), True = may attend. Return (B, Lq, d_model)."""
        raise NotImplementedError
