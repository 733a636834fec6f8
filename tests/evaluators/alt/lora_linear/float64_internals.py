import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, r, alpha):
        super().__init__()
        self.base = nn.Linear(in_features, out_features)
        self.base.requires_grad_(False)
        self.lora_A = nn.Parameter(torch.empty(r, in_features).uniform_(-0.1, 0.1))
        self.lora_B = nn.Parameter(torch.zeros(out_features, r))
        self.scaling = alpha / r
        self.merged = False

    def forward(self, x):
        out = self.base(x)
        if self.merged:
            return out
        delta = (x.double() @ self.lora_A.double().T) @ self.lora_B.double().T
        return out + (self.scaling * delta).to(out.dtype)

    def merge(self):
        if self.merged:
            return
        with torch.no_grad():
            update = self.scaling * (self.lora_B.double() @ self.lora_A.double())
            self.base.weight.copy_((self.base.weight.double() + update).float())
        self.merged = True
