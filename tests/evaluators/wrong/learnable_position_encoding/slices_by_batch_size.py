# expect: batch size
# Slices pe with x.size(0), the batch size, instead of the sequence length.
import torch
from torch import nn


class LearnablePositionEncoding(nn.Module):
    def __init__(self, max_len, d_model):
        super().__init__()
        self.max_len = max_len
        self.pe = nn.Parameter(torch.randn(max_len, d_model) * 0.02)

    def forward(self, x):
        length = x.size(0)
        if length > self.max_len:
            raise ValueError(f"sequence length {length} exceeds max_len {self.max_len}")
        return x + self.pe[:length]
