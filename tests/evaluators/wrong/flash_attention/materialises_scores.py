# expect: extra memory at its peak
# Plain attention: builds the full (Lq, Lk) score matrix.
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    if causal:
        Lq, Lk = scores.shape[-2:]
        scores = scores.masked_fill(torch.ones(Lq, Lk, dtype=torch.bool).triu(1), float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
