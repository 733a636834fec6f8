import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, in_features: int, out_features: int, r: int, alpha: float):
        super().__init__()
        # base: nn.Linear(in_features, out_features) with bias, frozen
        # lora_A: nn.Parameter (r, in_features), random; lora_B: nn.Parameter (out_features, r), zeros
        # scaling = alpha / r
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """base(x) + scaling * (x @ lora_A.T) @ lora_B.T"""
        raise NotImplementedError

    def merge(self) -> None:
        """Fold scaling * lora_B @ lora_A into base.weight, once; forward must not change."""
        raise NotImplementedError
