# expect: sample instead of taking the maximum
# Returns the most likely token every time.
import numpy as np


def temperature_sample(logits, temperature, rng):
    return int(np.argmax(logits / temperature))
