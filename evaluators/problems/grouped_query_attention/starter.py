import torch
from torch import nn


class GroupedQueryAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int, n_kv_heads: int):
        super().__init__()
        # d_head = d_model // n_heads
        # w_q = nn.Linear(d_model, d_model), w_k = w_v = nn.Linear(d_model, n_kv_heads * d_head)
        # (shapes), w_o = nn.Linear(d_model, d_model); all with bias
        raise NotImplementedError

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor:
        """x (B, L, d_model); mask bool, broadcastable to (B, n_heads, L, L), True = may attend.
        Query head h uses kv head h // (n_heads // n_kv_heads). Return (B, L, d_model)."""
        raise NotImplementedError
