import torch
from torch import nn


class LearnablePositionEncoding(nn.Module):
    def __init__(self, max_len: int, d_model: int):
        super().__init__()
        # self.pe: an nn.Parameter of shape (max_len, d_model)
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (B, L, d_model) -> x + pe[:L]; raise ValueError if L > max_len."""
        raise NotImplementedError
