# merge() folds the update in and zeroes lora_B, which makes it idempotent without a flag.
import math

import torch
import torch.nn.functional as F
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, r, alpha):
        super().__init__()
        self.base = nn.Linear(in_features, out_features)
        for p in self.base.parameters():
            p.requires_grad = False
        self.lora_A = nn.Parameter(torch.zeros(r, in_features))
        nn.init.normal_(self.lora_A, std=1 / math.sqrt(in_features))
        self.lora_B = nn.Parameter(torch.zeros(out_features, r))
        self.scaling = float(alpha) / r

    def forward(self, x):
        return self.base(x) + F.linear(F.linear(x, self.lora_A), self.lora_B) * self.scaling

    def merge(self):
        with torch.no_grad():
            self.base.weight.add_(self.lora_B @ self.lora_A, alpha=self.scaling)
            self.lora_B.zero_()
