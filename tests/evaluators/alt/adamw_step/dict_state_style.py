# Written around a state dict, returned as a tuple.
import numpy as np


def adamw_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8,
               weight_decay=1e-2):
    state = {"m": np.asarray(m, float), "v": np.asarray(v, float)}
    state["m"] = beta1 * state["m"] + (1 - beta1) * grad
    state["v"] = beta2 * state["v"] + (1 - beta2) * grad * grad
    m_hat = state["m"] / (1 - np.power(beta1, t))
    v_hat = state["v"] / (1 - np.power(beta2, t))
    new_param = param - lr * weight_decay * param - lr * m_hat / (np.sqrt(v_hat) + eps)
    return new_param, state["m"], state["v"]
