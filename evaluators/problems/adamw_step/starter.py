import numpy as np


def adamw_step(param: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray, t: int,
               lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
               weight_decay: float = 1e-2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One AdamW step as torch.optim.AdamW; t >= 1 is this step's number.
    Return new (param, m, v); do not modify the inputs in place."""
    raise NotImplementedError
