# expect: leaks future
# Applies the causal mask only on the first call (no cache): a chunk after the cache sees its own future.
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
        split = lambda t: t.view(b, length, self.n_heads, self.d_head).transpose(1, 2)
        q, k, v = split(self.w_q(x)), split(self.w_k(x)), split(self.w_v(x))
        if past_kv is not None:
            k = torch.cat([past_kv[0], k], dim=2)
            v = torch.cat([past_kv[1], v], dim=2)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.d_head)
        if past_kv is None:
            causal = torch.tril(torch.ones(length, length, dtype=torch.bool))
            scores = scores.masked_fill(~causal, float("-inf"))
        out = torch.softmax(scores, dim=-1) @ v
        return self.w_o(out.transpose(1, 2).reshape(b, length, d_model)), (k, v)
