import torch
import torch.nn.functional as F
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, d_model, d_hidden):
        super().__init__()
        self.w_gate = nn.Linear(d_model, d_hidden, bias=False)
        self.w_up = nn.Linear(d_model, d_hidden, bias=False)
        self.w_down = nn.Linear(d_hidden, d_model, bias=False)

    def forward(self, x):
        x64 = x.double()
        gate = F.linear(x64, self.w_gate.weight.double())
        up = F.linear(x64, self.w_up.weight.double())
        return F.linear(F.silu(gate) * up, self.w_down.weight.double()).to(x.dtype)
