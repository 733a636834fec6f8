# Copies first, then works in place on the copies.
import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
               weight_decay=1e-2):
    param, m, v = param.copy(), m.copy(), v.copy()
    param *= 1.0 - lr * weight_decay
    m *= beta1
    m += (1.0 - beta1) * grad
    v *= beta2
    v += (1.0 - beta2) * np.square(grad)
    bc1, bc2 = 1.0 - beta1 ** t, 1.0 - beta2 ** t
    param -= lr * (m / bc1) / (np.sqrt(v / bc2) + eps)
    return param, m, v
