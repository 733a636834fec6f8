# expect: ValueError
# Relies on broadcasting to fail for long sequences (raises RuntimeError).
import torch
from torch import nn


class LearnablePositionEncoding(nn.Module):
    def __init__(self, max_len, d_model):
        super().__init__()
        self.max_len = max_len
        self.pe = nn.Parameter(torch.randn(max_len, d_model) * 0.02)

    def forward(self, x):
        length = x.size(1)
        return x + self.pe[:length]
