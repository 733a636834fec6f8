import torch
from torch import nn


class RelativePosition(nn.Module):
    def __init__(self, num_units: int, max_relative_position: int):
        super().__init__()
        # self.embeddings_table: nn.Parameter (2 * max_relative_position + 1, num_units)
        raise NotImplementedError

    def forward(self, length_q: int, length_k: int) -> torch.Tensor:
        """Return (length_q, length_k, num_units); entry [i, j] is row
        clip(j - i, -max_relative_position, max_relative_position) + max_relative_position."""
        raise NotImplementedError
