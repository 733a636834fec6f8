# expect: two halves
# Puts all sines in the first half and all cosines in the second (a common re-implementation).
import math

import torch


def sinusoidal_position_encoding(max_len, d_model):
    position = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
    angle = position * div_term
    return torch.cat([torch.sin(angle), torch.cos(angle)], dim=1)
