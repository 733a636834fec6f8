# Explicit matmuls and a hand-written SiLU.
import torch
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, d_model, d_hidden):
        super().__init__()
        self.w_gate = nn.Linear(d_model, d_hidden, bias=False)
        self.w_up = nn.Linear(d_model, d_hidden, bias=False)
        self.w_down = nn.Linear(d_hidden, d_model, bias=False)

    def forward(self, x):
        g = x @ self.w_gate.weight.t()
        h = g * torch.sigmoid(g) * (x @ self.w_up.weight.t())
        return h @ self.w_down.weight.t()
