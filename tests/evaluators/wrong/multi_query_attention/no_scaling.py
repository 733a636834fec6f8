# expect: unscaled
# Forgets to scale the scores.
import math

import torch
from torch import nn


class MultiQueryAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        assert d_model % n_heads == 0
        self.n_heads = n_heads
        self.d_head = d_model // n_heads
        self.w_q = nn.Linear(d_model, d_model)
        self.w_k = nn.Linear(d_model, self.d_head)
        self.w_v = nn.Linear(d_model, self.d_head)
        self.w_o = nn.Linear(d_model, d_model)

    def forward(self, x, mask=None):
        b, length, d_model = x.shape
        q = self.w_q(x).view(b, length, self.n_heads, self.d_head).transpose(1, 2)
        k = self.w_k(x).unsqueeze(1)  # (B, 1, L, d_head), broadcast over the heads
        v = self.w_v(x).unsqueeze(1)
        scores = q @ k.transpose(-2, -1)
        if mask is not None:
            scores = scores.masked_fill(~mask, float("-inf"))
        out = torch.softmax(scores, dim=-1) @ v
        return self.w_o(out.transpose(1, 2).reshape(b, length, d_model))
