# FlashAttention-2 style: tiles of queries and keys, causal tiles above the diagonal skipped.
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Lq, d = q.shape
    Lk = k.shape[2]
    scale = 1.0 / math.sqrt(d)
    out = torch.empty(B, H, Lq, v.shape[-1], dtype=q.dtype)
    for qs in range(0, Lq, block_size):
        qe = min(qs + block_size, Lq)
        qi = q[:, :, qs:qe]
        m = torch.full((B, H, qe - qs, 1), -math.inf, dtype=q.dtype)
        l = torch.zeros(B, H, qe - qs, 1, dtype=q.dtype)
        acc = torch.zeros(B, H, qe - qs, v.shape[-1], dtype=q.dtype)
        for ks in range(0, Lk, block_size):
            if causal and ks > qe - 1:
                break
            ke = min(ks + block_size, Lk)
            s = (qi @ k[:, :, ks:ke].transpose(-2, -1)) * scale
            if causal:
                qpos = torch.arange(qs, qe).view(-1, 1)
                kpos = torch.arange(ks, ke).view(1, -1)
                s = s.masked_fill(kpos > qpos, -math.inf)
            m_new = torch.maximum(m, s.amax(-1, keepdim=True))
            p = torch.exp(s - m_new)
            corr = torch.exp(m - m_new)
            l = corr * l + p.sum(-1, keepdim=True)
            acc = corr * acc + p @ v[:, :, ks:ke]
            m = m_new
        out[:, :, qs:qe] = acc / l
    return out
