# expect: interleaved
# GPT-J / original-LLaMA style: rotates adjacent pairs (2i, 2i + 1) instead of halves.
import torch


def apply_rope(x, positions=None, base=10000.0):
    L, d = x.shape[-2:]
    if positions is None:
        positions = torch.arange(L)
    inv_freq = 1.0 / base ** (torch.arange(0, d, 2).float() / d)
    angle = positions.float()[:, None] * inv_freq[None, :]
    cos, sin = angle.cos(), angle.sin()
    x_even, x_odd = x[..., 0::2], x[..., 1::2]
    out = torch.empty_like(x)
    out[..., 0::2] = x_even * cos - x_odd * sin
    out[..., 1::2] = x_even * sin + x_odd * cos
    return out
