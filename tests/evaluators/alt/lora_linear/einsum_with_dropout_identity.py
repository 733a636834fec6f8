# einsum formulation, an identity dropout slot, merged flag as a buffer-free attribute.
import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, in_features: int, out_features: int, r: int, alpha: float) -> None:
        super().__init__()
        self.r, self.alpha = r, alpha
        self.scaling = alpha / r
        self.base = nn.Linear(in_features, out_features, bias=True)
        self.base.weight.requires_grad_(False)
        self.base.bias.requires_grad_(False)
        self.lora_A = nn.Parameter(torch.randn(r, in_features) * 0.02)
        self.lora_B = nn.Parameter(torch.zeros(out_features, r))
        self.lora_dropout = nn.Identity()
        self._merged = False

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.base(x)
        if self._merged:
            return y
        h = torch.einsum("...i,ri->...r", self.lora_dropout(x), self.lora_A)
        return y + torch.einsum("...r,or->...o", h, self.lora_B) * self.scaling

    def merge(self) -> None:
        if self._merged:
            return
        self.base.weight.data += (self.lora_B.data @ self.lora_A.data) * self.scaling
        self._merged = True
