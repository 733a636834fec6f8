import torch


def apply_rope(x: torch.Tensor, positions: torch.Tensor | None = None,
               base: float = 10000.0) -> torch.Tensor:
    """x (B, H, L, d), d even; positions LongTensor (L,), default arange(L).

    Half-split convention: inv_freq[i] = base^(-2i/d) for i < d/2, angle = pos * inv_freq,
    duplicated to length d; out = x * cos + rotate_half(x) * sin with
    rotate_half(x) = cat(-x[..., d/2:], x[..., :d/2]).
    """
    raise NotImplementedError
