# Fuses gate and up weights, but at call time (nothing cached), with dropout=0 module present.
import torch
import torch.nn.functional as F
from torch import nn


class SwiGLU(nn.Module):
    def __init__(self, d_model: int, d_hidden: int) -> None:
        super().__init__()
        self.w_gate = nn.Linear(d_model, d_hidden, bias=False)
        self.w_up = nn.Linear(d_model, d_hidden, bias=False)
        self.w_down = nn.Linear(d_hidden, d_model, bias=False)
        self.drop = nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        w = torch.cat([self.w_gate.weight, self.w_up.weight], dim=0)
        gate, up = F.linear(x, w).chunk(2, dim=-1)
        return self.drop(self.w_down(F.silu(gate) * up))
