# expect: reversed
# rotate_half returns cat(x2, -x1): rotates by -angle.
import torch


def apply_rope(x, positions=None, base=10000.0):
    L, d = x.shape[-2:]
    if positions is None:
        positions = torch.arange(L)
    inv_freq = 1.0 / base ** (torch.arange(0, d, 2).float() / d)
    angle = positions.float()[:, None] * inv_freq[None, :]
    emb = torch.cat([angle, angle], dim=-1)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    rotated = torch.cat([x2, -x1], dim=-1)
    return x * emb.cos() + rotated * emb.sin()
