import numpy as np  # noqa: F401


def cross_entropy(logits, targets):
    """logits: float ndarray (N, C); targets: int ndarray (N,) of class ids in [0, C).

    Return the mean negative log-likelihood of softmax(logits) as a Python float.
    Must stay finite and correct for logits as large as +-1e4.
    """
    raise NotImplementedError
