import torch.nn.functional as F
from torch import nn


def patchify(images, patch_size):
    H, W = images.shape[-2:]
    if H % patch_size or W % patch_size:
        raise ValueError("not divisible")
    return F.unfold(images, patch_size, stride=patch_size).transpose(1, 2)


class PatchEmbed(nn.Module):
    def __init__(self, patch_size, in_chans, embed_dim):
        super().__init__()
        self.patch_size = patch_size
        self.proj = nn.Linear(in_chans * patch_size * patch_size, embed_dim)

    def forward(self, x):
        return self.proj(patchify(x, self.patch_size))
