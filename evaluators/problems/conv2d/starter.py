import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    """x (N, C, H, W), weight (O, C, kh, kw), bias (O,) or None; int stride and padding.

    Cross-correlation as in F.conv2d (no kernel flip) with zero padding.
    Return an ndarray (N, O, H_out, W_out), H_out = (H + 2*padding - kh) // stride + 1.
    """
    raise NotImplementedError
