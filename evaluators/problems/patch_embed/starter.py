import torch
from torch import nn


def patchify(images: torch.Tensor, patch_size: int) -> torch.Tensor:
    """images (B, C, H, W) -> (B, N, C*p*p); patches row-major, pixels in (c, dy, dx) order.
    Raise ValueError if H or W is not a multiple of patch_size."""
    raise NotImplementedError


class PatchEmbed(nn.Module):
    def __init__(self, patch_size: int, in_chans: int, embed_dim: int):
        super().__init__()
        # proj: nn.Linear(in_chans * patch_size * patch_size, embed_dim)
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, C, H, W) -> (B, N, embed_dim) = proj(patchify(x, patch_size))."""
        raise NotImplementedError
