import torch
from torch import nn


def patchify(images: torch.Tensor, patch_size: int) -> torch.Tensor:
    n, ch, height, width = images.shape
    if height % patch_size or width % patch_size:
        raise ValueError("height and width must be multiples of patch_size")
    gh, gw = height // patch_size, width // patch_size
    x = images.view(n, ch, gh, patch_size, gw, patch_size)
    x = x.permute(0, 2, 4, 1, 3, 5).contiguous()
    return x.view(n, gh * gw, ch * patch_size * patch_size)


class PatchEmbed(nn.Module):
    def __init__(self, patch_size: int, in_chans: int, embed_dim: int) -> None:
        super().__init__()
        self.patch_size = patch_size
        self.proj = nn.Linear(in_chans * patch_size ** 2, embed_dim, bias=True)
        self.norm = nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(self.proj(patchify(x, self.patch_size)))
