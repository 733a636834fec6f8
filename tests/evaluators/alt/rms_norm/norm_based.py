# Via the L2 norm: rms = ||x|| / sqrt(d).
import math

import torch


def rms_norm(x, weight, eps=1e-6):
    d = x.shape[-1]
    ms = torch.linalg.vector_norm(x, dim=-1, keepdim=True) ** 2 / d
    return weight * (x / (ms + eps).sqrt())
