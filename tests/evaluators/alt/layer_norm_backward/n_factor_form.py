# The compact N-factor form: dx = rstd / N * (N d - sum(d) - xhat * sum(d * xhat)).
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    n = x.shape[-1]
    x2 = x.reshape(-1, n)
    dy2 = dy.reshape(-1, n)
    mean = x2.mean(axis=1, keepdims=True)
    rstd = (((x2 - mean) ** 2).mean(axis=1, keepdims=True) + eps) ** -0.5
    xhat = (x2 - mean) * rstd
    d = dy2 * gamma
    dx = rstd / n * (n * d - d.sum(1, keepdims=True) - xhat * (d * xhat).sum(1, keepdims=True))
    return dx.reshape(x.shape), (dy2 * xhat).sum(0), dy2.sum(0)
