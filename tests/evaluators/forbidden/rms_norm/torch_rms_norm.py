# Calls the library function (score capped at 0.5): a test for the cap, not for values.
import torch


def rms_norm(x, weight, eps=1e-6):
    return torch.rms_norm(x, (x.shape[-1],), weight, eps)
