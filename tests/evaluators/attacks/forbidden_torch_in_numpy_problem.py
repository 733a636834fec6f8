# attack: a numpy-only problem (dropout: torch is forbidden) solved with torch reached through
#         importlib with an assembled name, so no "import torch" appears in the source.
# contained: the run-time observer sees torch operators execute in a problem that forbids the
#            whole library: the grade is capped at 0.5 as a forbidden call.
# status: forbidden_api
# evidence: none
# problem: dropout
# detail: torch
import importlib

import numpy as np

lib = importlib.import_module("to" + "rch")


def dropout(x, p, training, rng):
    if not training or p == 0:
        return x.copy()
    if p >= 1:
        return np.zeros_like(x)
    keep = rng.random(x.shape) >= p
    scaled = lib.from_numpy(np.where(keep, x, 0.0)) / (1 - p)
    return scaled.numpy()
