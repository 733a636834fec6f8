# The order of torch's _single_tensor_adamw: step_size and the sqrt of the bias correction.
import math

import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
               weight_decay=1e-2):
    p = np.array(param, dtype=np.float64)
    p *= 1 - lr * weight_decay
    exp_avg = m + (grad - m) * (1 - beta1)
    exp_avg_sq = v * beta2 + (1 - beta2) * grad * grad
    step_size = lr / (1 - beta1 ** t)
    denom = np.sqrt(exp_avg_sq) / math.sqrt(1 - beta2 ** t) + eps
    p = p - step_size * exp_avg / denom
    return p, exp_avg, exp_avg_sq
