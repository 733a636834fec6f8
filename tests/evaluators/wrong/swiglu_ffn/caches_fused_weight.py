# expect: parameters in place between two calls
# Fuses gate and up into one matrix on the first call and keeps it (stale after an update).
import torch
import torch.nn.functional as F
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, d_model, d_hidden):
        super().__init__()
        self.w_gate = nn.Linear(d_model, d_hidden, bias=False)
        self.w_up = nn.Linear(d_model, d_hidden, bias=False)
        self.w_down = nn.Linear(d_hidden, d_model, bias=False)
        self._fused = None

    def forward(self, x):
        if self._fused is None:
            self._fused = torch.cat([self.w_gate.weight, self.w_up.weight], dim=0)
        gate, up = (x @ self._fused.T).chunk(2, dim=-1)
        return self.w_down(F.silu(gate) * up)
