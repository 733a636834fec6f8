# expect: misses the variance's term
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    std = np.sqrt(x.var(-1, keepdims=True) + eps)
    x_hat = (x - mean) / std
    d = dy * gamma
    dx = (d - d.mean(-1, keepdims=True)) / std
    lead = tuple(range(x.ndim - 1))
    return dx, (dy * x_hat).sum(lead), dy.sum(lead)
