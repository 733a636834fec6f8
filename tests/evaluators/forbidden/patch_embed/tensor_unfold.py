# Tensor.unfold twice: correct values, but the forbidden call.
from torch import nn


def patchify(images, patch_size):
    B, C, H, W = images.shape
    p = patch_size
    if H % p or W % p:
        raise ValueError("not divisible")
    x = images.unfold(2, p, p).unfold(3, p, p)  # B C gh gw p p
    return x.permute(0, 2, 3, 1, 4, 5).reshape(B, -1, C * p * p)


class PatchEmbed(nn.Module):
    def __init__(self, patch_size, in_chans, embed_dim):
        super().__init__()
        self.patch_size = patch_size
        self.proj = nn.Linear(in_chans * patch_size * patch_size, embed_dim)

    def forward(self, x):
        return self.proj(patchify(x, self.patch_size))
