import numpy as np


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    mean = np.mean(x, axis=-1, keepdims=True)
    inv = 1.0 / np.sqrt(np.var(x, axis=-1, keepdims=True) + eps)
    xhat = (x - mean) * inv
    g = dy * gamma
    mg = np.mean(g, axis=-1, keepdims=True)
    mgx = np.einsum("...d,...d->...", g, xhat)[..., None] / x.shape[-1]
    dx = inv * (g - mg - xhat * mgx)
    d = x.shape[-1]
    dgamma = np.einsum("nd,nd->d", dy.reshape(-1, d), xhat.reshape(-1, d))
    dbeta = np.einsum("nd->d", dy.reshape(-1, d))
    return dx, dgamma, dbeta
