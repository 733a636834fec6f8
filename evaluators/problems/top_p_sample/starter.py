import numpy as np


def top_p_sample(logits, p, temperature, rng):
    """logits: ndarray (V,); 0 < p; temperature > 0; rng: numpy.random.Generator.

    Sort softmax(logits / temperature) descending, keep the smallest prefix whose cumulative
    probability is >= p (p >= 1 keeps every token), renormalize and sample with rng.
    Return the token id as an int.
    """
    raise NotImplementedError
