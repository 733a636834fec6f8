# Keeps a running log-sum-exp per row instead of (max, sum); float64 inside each block.
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Lq, d = q.shape
    Lk = k.shape[-2]
    lse = torch.full((B, H, Lq, 1), -math.inf, dtype=torch.float64)
    acc = torch.zeros(B, H, Lq, v.shape[-1], dtype=torch.float64)
    q64 = q.double() / math.sqrt(d)
    row = torch.arange(Lq).unsqueeze(-1)
    for start in range(0, Lk, block_size):
        stop = min(start + block_size, Lk)
        s = q64 @ k[..., start:stop, :].double().transpose(-1, -2)
        if causal:
            s = s.masked_fill(torch.arange(start, stop).unsqueeze(0) > row, -math.inf)
        block_lse = torch.logsumexp(s, dim=-1, keepdim=True)
        new_lse = torch.logaddexp(lse, block_lse)
        w_old = torch.exp(lse - new_lse).nan_to_num(0.0)
        p = torch.exp(s - new_lse).nan_to_num(0.0)
        acc = acc * w_old + p @ v[..., start:stop, :].double()
        lse = new_lse
    return acc.to(q.dtype)
