# patchify by slicing each grid cell; PatchEmbed as a convolution with the Linear's weights.
import torch
import torch.nn.functional as F
from torch import nn


def patchify(images, patch_size):
    b, c, h, w = images.shape
    p = patch_size
    if h % p != 0 or w % p != 0:
        raise ValueError(f"{h}x{w} is not divisible by {p}")
    patches = []
    for i in range(h // p):
        for j in range(w // p):
            patches.append(images[:, :, i * p:(i + 1) * p, j * p:(j + 1) * p].reshape(b, -1))
    return torch.stack(patches, dim=1)


class PatchEmbed(nn.Module):
    def __init__(self, patch_size, in_chans, embed_dim):
        super().__init__()
        self.p, self.c, self.d = patch_size, in_chans, embed_dim
        self.proj = nn.Linear(in_chans * patch_size * patch_size, embed_dim)

    def forward(self, x):
        if x.shape[-2] % self.p or x.shape[-1] % self.p:
            raise ValueError("image size must be a multiple of the patch size")
        w = self.proj.weight.view(self.d, self.c, self.p, self.p)
        y = F.conv2d(x, w, self.proj.bias, stride=self.p)
        return y.flatten(2).transpose(1, 2)
