# Splits rows first, then columns, with transposes; checks divisibility with divmod.
from torch import nn


def patchify(images, patch_size):
    B, C, H, W = images.shape
    gh, rh = divmod(H, patch_size)
    gw, rw = divmod(W, patch_size)
    if rh or rw:
        raise ValueError("not divisible")
    p = patch_size
    x = images.reshape(B, C, gh, p, W)            # B C gh dy W
    x = x.reshape(B, C, gh, p, gw, p)             # B C gh dy gw dx
    x = x.transpose(1, 2)                         # B gh C dy gw dx
    x = x.transpose(2, 4).transpose(3, 4)         # B gh gw C dy dx
    return x.reshape(B, gh * gw, C * p * p)


class PatchEmbed(nn.Module):
    def __init__(self, patch_size, in_chans, embed_dim):
        super().__init__()
        self.patch_size = patch_size
        self.proj = nn.Linear(in_chans * patch_size * patch_size, embed_dim)

    def forward(self, x):
        return self.proj(patchify(x, self.patch_size))
