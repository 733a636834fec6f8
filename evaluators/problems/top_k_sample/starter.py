import numpy as np


def top_k_sample(logits, k, temperature, rng):
    """logits: ndarray (V,); 1 <= k <= V; temperature > 0; rng: numpy.random.Generator.

    Keep the k largest logits, sample from softmax(logits / temperature) renormalized over
    them using rng; return the token id as an int.
    """
    raise NotImplementedError
