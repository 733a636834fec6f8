# expect: positions argument looks ignored
# Always uses arange(L), ignoring the positions argument (breaks decoding with a KV cache).
import torch


def apply_rope(x, positions=None, base=10000.0):
    L, d = x.shape[-2:]
    positions = torch.arange(L)
    inv_freq = 1.0 / base ** (torch.arange(0, d, 2).float() / d)
    angle = positions.float()[:, None] * inv_freq[None, :]
    emb = torch.cat([angle, angle], dim=-1)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    return x * emb.cos() + torch.cat([-x2, x1], dim=-1) * emb.sin()
