import torch


def sinusoidal_position_encoding(max_len: int, d_model: int) -> torch.Tensor:
    """Return pe (max_len, d_model) with pe[p, 2i] = sin(p / 10000^(2i/d_model)) and
    pe[p, 2i+1] = cos(p / 10000^(2i/d_model)); d_model is even."""
    raise NotImplementedError
