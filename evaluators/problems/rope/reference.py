import torch


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


def apply_rope(x, positions=None, base=10000.0):
    length, d = x.shape[-2], x.shape[-1]
    if positions is None:
        positions = torch.arange(length, device=x.device)
    inv_freq = 1.0 / base ** (torch.arange(0, d, 2, dtype=torch.float64, device=x.device) / d)
    angle = positions.to(torch.float64)[:, None] * inv_freq[None, :]  # (L, d/2)
    angle = torch.cat([angle, angle], dim=-1)  # (L, d)
    cos, sin = angle.cos().to(x.dtype), angle.sin().to(x.dtype)
    return x * cos + rotate_half(x) * sin
