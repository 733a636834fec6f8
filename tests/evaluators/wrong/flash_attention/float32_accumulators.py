# expect: return q's dtype
# Accumulators created with the default dtype: float64 inputs come back float32.
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Lq, d = q.shape
    Lk = k.shape[2]
    m = torch.full((B, H, Lq, 1), float("-inf"))
    l = torch.zeros(B, H, Lq, 1)
    acc = torch.zeros(B, H, Lq, v.shape[-1])
    rows = torch.arange(Lq).view(-1, 1)
    for s in range(0, Lk, block_size):
        e = min(s + block_size, Lk)
        sc = (q @ k[:, :, s:e].transpose(-1, -2) / math.sqrt(d)).float()
        if causal:
            sc = sc.masked_fill(torch.arange(s, e).view(1, -1) > rows, float("-inf"))
        m_new = torch.maximum(m, sc.amax(-1, keepdim=True))
        p = torch.exp(sc - m_new)
        alpha = torch.exp(m - m_new)
        l = l * alpha + p.sum(-1, keepdim=True)
        acc = acc * alpha + p @ v[:, :, s:e].float()
        m = m_new
    return acc / l
