import torch
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, d_model: int, d_hidden: int):
        super().__init__()
        # w_gate, w_up: nn.Linear(d_model, d_hidden, bias=False); w_down: nn.Linear(d_hidden, d_model, bias=False)
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (..., d_model) -> w_down(silu(w_gate(x)) * w_up(x)), shape (..., d_model)."""
        raise NotImplementedError
