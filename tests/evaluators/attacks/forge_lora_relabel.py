# attack: a LoRA layer whose base is NOT frozen (its weight and bias still require grad, so an
#         optimizer would train them) relabels itself as correct: named_parameters()/parameters()
#         list only lora_A and lora_B, the base's parameters report requires_grad=False through
#         a property on a Linear subclass, and forward detaches the base so no gradient shows.
# contained: the driver reads the module's registered parameters from nn.Module's own
#            registries and the exporter reads requires_grad with the C getter: the structure
#            tests see a trainable base and fail.
# status: failed
# evidence: none
# problem: lora_linear
# test-detail: requires grad
import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, r, alpha):
        super().__init__()
        self.base = nn.Linear(in_features, out_features)  # left trainable
        self.lora_A = nn.Parameter(torch.empty(r, in_features))
        self.lora_B = nn.Parameter(torch.zeros(out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha / r
        self.merged = False

    def named_parameters(self, *args, **kwargs):
        yield "lora_A", self.lora_A
        yield "lora_B", self.lora_B

    def parameters(self, *args, **kwargs):
        return iter([self.lora_A, self.lora_B])

    def forward(self, x):
        out = nn.functional.linear(x, self.base.weight.detach(), self.base.bias.detach())
        if self.merged:
            return out
        return out + self.scaling * (x @ self.lora_A.T) @ self.lora_B.T

    @torch.no_grad()
    def merge(self):
        if not self.merged:
            self.base.weight += self.scaling * (self.lora_B @ self.lora_A)
            self.merged = True
