# cs231n-style: backpropagate through mean and variance step by step.
import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    D = x.shape[-1]
    mu = np.mean(x, axis=-1, keepdims=True)
    xmu = x - mu
    var = np.mean(xmu ** 2, axis=-1, keepdims=True)
    sqrtvar = np.sqrt(var + eps)
    ivar = 1.0 / sqrtvar
    xhat = xmu * ivar
    dxhat = dy * gamma
    divar = np.sum(dxhat * xmu, axis=-1, keepdims=True)
    dxmu1 = dxhat * ivar
    dsqrtvar = -1.0 / sqrtvar ** 2 * divar
    dvar = 0.5 / np.sqrt(var + eps) * dsqrtvar
    dsq = np.ones_like(x) / D * dvar
    dxmu2 = 2 * xmu * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -np.sum(dx1, axis=-1, keepdims=True)
    dx = dx1 + np.ones_like(x) / D * dmu
    flat_dy = dy.reshape(-1, D)
    dgamma = np.sum(flat_dy * xhat.reshape(-1, D), axis=0)
    dbeta = np.sum(flat_dy, axis=0)
    return dx, dgamma, dbeta
