# expect: base^(-2i/d)
# inv_freq = base^(-i/d) with i = 0 .. d/2 - 1: frequencies decay too slowly.
import torch


def apply_rope(x, positions=None, base=10000.0):
    L, d = x.shape[-2:]
    if positions is None:
        positions = torch.arange(L)
    inv_freq = base ** (-torch.arange(d // 2).float() / d)
    angle = positions.float()[:, None] * inv_freq[None, :]
    emb = torch.cat([angle, angle], dim=-1)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    return x * emb.cos() + torch.cat([-x2, x1], dim=-1) * emb.sin()
