import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Lq, d = q.shape
    Lk = k.shape[2]
    scale = 1.0 / math.sqrt(d)
    out = torch.zeros(B, H, Lq, v.shape[-1], dtype=q.dtype)
    m = torch.full((B, H, Lq, 1), float("-inf"), dtype=q.dtype)
    row_sum = torch.zeros(B, H, Lq, 1, dtype=q.dtype)
    for start in range(0, Lk, block_size):
        end = min(start + block_size, Lk)
        # causal (top-left aligned): query i sees key j iff j <= i, so rows < start see nothing
        first = start if causal else 0
        if first >= Lq:
            break
        scores = (q[:, :, first:] @ k[:, :, start:end].transpose(-1, -2)) * scale
        if causal:
            rows = torch.arange(first, Lq).unsqueeze(1)
            cols = torch.arange(start, end).unsqueeze(0)
            scores = scores.masked_fill(cols > rows, float("-inf"))
        m_old = m[:, :, first:]
        m_new = torch.maximum(m_old, scores.amax(dim=-1, keepdim=True))
        p = torch.exp(scores - m_new)
        alpha = torch.exp(m_old - m_new)
        row_sum[:, :, first:] = row_sum[:, :, first:] * alpha + p.sum(dim=-1, keepdim=True)
        out[:, :, first:] = out[:, :, first:] * alpha + p @ v[:, :, start:end]
        m[:, :, first:] = m_new
    return out / row_sum
