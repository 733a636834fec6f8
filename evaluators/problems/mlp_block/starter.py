import torch
from torch import nn


class Mlp(nn.Module):
    def __init__(self, in_features: int, hidden_features: int | None = None,
                 out_features: int | None = None, drop: float = 0.0):
        super().__init__()
        # fc1 = nn.Linear(in, hidden), act = nn.GELU(), fc2 = nn.Linear(hidden, out);
        # hidden and out default to in_features; dropout `drop` after act and after fc2
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (..., in_features) -> (..., out_features)."""
        raise NotImplementedError
