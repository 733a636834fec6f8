import numpy as np


def dropout(x: np.ndarray, p: float, training: bool, rng: np.random.Generator) -> np.ndarray:
    """Inverted dropout: in training zero each element with probability p (mask from rng)
    and scale the survivors by 1 / (1 - p); otherwise (or p == 0) return x unchanged."""
    raise NotImplementedError
