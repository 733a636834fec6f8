import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        # w_q, w_k, w_v, w_o: each nn.Linear(d_model, d_model) with bias
        raise NotImplementedError

    def forward(self, x: torch.Tensor, past_kv: tuple[torch.Tensor, torch.Tensor] | None = None
                ) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        """x (B, L, d_model) holds the new tokens; past_kv is None or (k, v), each
        (B, n_heads, L_past, d_head). Return (out (B, L, d_model), (k_all, v_all)) where
        k_all, v_all are (B, n_heads, L_past + L, d_head)."""
        raise NotImplementedError
