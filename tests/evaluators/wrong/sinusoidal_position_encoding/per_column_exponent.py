# expect: share
# Loops over columns j and uses 10000^(j / d_model), so odd columns get their own frequency.
import math

import torch


def sinusoidal_position_encoding(max_len, d_model):
    pe = torch.zeros(max_len, d_model)
    for p in range(max_len):
        for j in range(d_model):
            angle = p / math.pow(10000, j / d_model)
            pe[p, j] = math.sin(angle) if j % 2 == 0 else math.cos(angle)
    return pe
