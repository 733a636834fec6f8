# expect: i - j
# Uses query minus key position.
import torch
from torch import nn


class RelativePosition(nn.Module):
    def __init__(self, num_units, max_relative_position):
        super().__init__()
        self.max_relative_position = max_relative_position
        self.embeddings_table = nn.Parameter(torch.empty(2 * max_relative_position + 1, num_units))
        nn.init.xavier_uniform_(self.embeddings_table)

    def forward(self, length_q, length_k):
        k = self.max_relative_position
        distance = torch.arange(length_q)[:, None] - torch.arange(length_k)[None, :]
        index = torch.clamp(distance, -k, k) + k
        return self.embeddings_table[index]
