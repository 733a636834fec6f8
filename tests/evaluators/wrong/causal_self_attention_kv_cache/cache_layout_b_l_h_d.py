# expect: (B, n_heads
# Keeps the cache as (B, L, n_heads, d_head): self-consistent, but not the required layout.
import math

import torch
from torch import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads = n_heads
        self.d_head = d_model // n_heads
        self.w_q = nn.Linear(d_model, d_model)
        self.w_k = nn.Linear(d_model, d_model)
        self.w_v = nn.Linear(d_model, d_model)
        self.w_o = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        b, length, d_model = x.shape
        k = self.w_k(x).view(b, length, self.n_heads, self.d_head)
        v = self.w_v(x).view(b, length, self.n_heads, self.d_head)
        if past_kv is not None:
            k = torch.cat([past_kv[0], k], dim=1)
            v = torch.cat([past_kv[1], v], dim=1)
        total = k.shape[1]
        q = self.w_q(x).view(b, length, self.n_heads, self.d_head).transpose(1, 2)
        kh, vh = k.transpose(1, 2), v.transpose(1, 2)
        scores = q @ kh.transpose(-2, -1) / math.sqrt(self.d_head)
        mask = torch.ones(length, total, dtype=torch.bool).tril(diagonal=total - length)
        scores = scores.masked_fill(~mask, float("-inf"))
        out = torch.softmax(scores, dim=-1) @ vh
        return self.w_o(out.transpose(1, 2).reshape(b, length, d_model)), (k, v)
