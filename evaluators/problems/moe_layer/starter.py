import torch
import torch.nn.functional as F
from torch import nn


class MoE(nn.Module):
    def __init__(self, d_model: int, d_hidden: int, n_experts: int, top_k: int):
        super().__init__()
        # gate: nn.Linear(d_model, n_experts, bias=False)
        # experts: nn.ModuleList of n_experts modules, each with fc1 = nn.Linear(d_model, d_hidden)
        #          and fc2 = nn.Linear(d_hidden, d_model), computing fc2(GELU(fc1(h)))
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (..., d_model) -> same shape; top-k routing, softmax over the chosen logits,
        each expert called only on the tokens routed to it."""
        raise NotImplementedError
