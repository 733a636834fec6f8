# expect: kernel flipped
# Textbook "convolution": flips the kernel, unlike F.conv2d (cross-correlation).
import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    n, c, h, w = x.shape
    o, _, kh, kw = weight.shape
    oh, ow = (h - kh) // stride + 1, (w - kw) // stride + 1
    k = weight[:, :, ::-1, ::-1]
    out = np.zeros((n, o, oh, ow))
    for i in range(oh):
        for j in range(ow):
            patch = x[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
            out[:, :, i, j] = np.einsum("ncab,ocab->no", patch, k)
    if bias is not None:
        out += bias[None, :, None, None]
    return out
