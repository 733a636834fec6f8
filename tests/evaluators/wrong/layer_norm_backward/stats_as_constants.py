# expect: treats the mean and variance as constants
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    std = np.sqrt(x.var(-1, keepdims=True) + eps)
    x_hat = (x - mean) / std
    lead = tuple(range(x.ndim - 1))
    return dy * gamma / std, (dy * x_hat).sum(lead), dy.sum(lead)
