# expect: variance looks unbiased
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mean = x.mean(-1, keepdims=True)
    rstd = 1 / np.sqrt(x.var(-1, keepdims=True, ddof=1) + eps)
    x_hat = (x - mean) * rstd
    d = dy * gamma
    dx = rstd * (d - d.mean(-1, keepdims=True) - x_hat * (d * x_hat).mean(-1, keepdims=True))
    lead = tuple(range(x.ndim - 1))
    return dx, (dy * x_hat).sum(lead), dy.sum(lead)
