import numpy as np


def temperature_sample(logits, temperature, rng):
    """logits: ndarray (V,); temperature > 0; rng: numpy.random.Generator.

    Sample a token id from softmax(logits / temperature) using rng; return an int.
    """
    raise NotImplementedError
