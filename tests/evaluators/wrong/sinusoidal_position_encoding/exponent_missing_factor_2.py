# expect: 2i / d_model
# Uses 10000^(i / d_model) for pair i: the frequencies decay half as fast.
import torch


def sinusoidal_position_encoding(max_len, d_model):
    position = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
    i = torch.arange(d_model // 2, dtype=torch.float32)
    angle = position / torch.pow(10000.0, i / d_model)
    pe = torch.zeros(max_len, d_model)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe
