import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    B, H, Lq, d = q.shape
    Lk, dv = k.shape[2], v.shape[-1]
    # (B*H, L, d) views; the scale folded into q once
    qs = (q * (1.0 / math.sqrt(d))).reshape(B * H, Lq, d)
    kt = k.reshape(B * H, Lk, d).transpose(1, 2)
    vv = v.reshape(B * H, Lk, dv)
    out = torch.zeros(B * H, Lq, dv, dtype=q.dtype)
    m = torch.full((B * H, Lq, 1), float("-inf"), dtype=q.dtype)
    row_sum = torch.zeros(B * H, Lq, 1, dtype=q.dtype)
    for start in range(0, Lk, block_size):
        end = min(start + block_size, Lk)
        # causal (top-left aligned): query i sees key j iff j <= i, so rows < start see nothing
        first = start if causal else 0
        if first >= Lq:
            break
        p = torch.bmm(qs[:, first:], kt[:, :, start:end])  # the block's scores
        if causal:  # only rows first .. end-2 have keys of this block to hide
            rows = torch.arange(first, min(end, Lq)).unsqueeze(1)
            cols = torch.arange(start, end).unsqueeze(0)
            p[:, : rows.shape[0]].masked_fill_(cols > rows, float("-inf"))
        m_old = m[:, first:]
        m_new = torch.maximum(m_old, p.amax(dim=-1, keepdim=True))
        p.sub_(m_new).exp_()
        alpha = (m_old - m_new).exp_()
        row_sum[:, first:].mul_(alpha).add_(p.sum(dim=-1, keepdim=True))
        acc = out[:, first:]
        acc.mul_(alpha).add_(torch.bmm(p, vv[:, start:end]))
        m_old.copy_(m_new)
    return (out / row_sum).reshape(B, H, Lq, dv)
