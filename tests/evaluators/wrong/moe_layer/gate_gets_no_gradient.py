# expect: gate.weight.grad is none
# Routing weights computed under no_grad: the gate never learns.
import torch
import torch.nn.functional as F
from torch import nn


class Expert(nn.Module):
    def __init__(self, d_model, d_hidden):
        super().__init__()
        self.fc1 = nn.Linear(d_model, d_hidden)
        self.fc2 = nn.Linear(d_hidden, d_model)

    def forward(self, h):
        return self.fc2(F.gelu(self.fc1(h)))


class MoE(nn.Module):
    def __init__(self, d_model, d_hidden, n_experts, top_k):
        super().__init__()
        self.top_k = top_k
        self.gate = nn.Linear(d_model, n_experts, bias=False)
        self.experts = nn.ModuleList([Expert(d_model, d_hidden) for _ in range(n_experts)])

    def forward(self, x):
        tokens = x.reshape(-1, x.shape[-1])
        with torch.no_grad():
            top_v, top_i = self.gate(tokens).topk(self.top_k, dim=-1)
            w = F.softmax(top_v, dim=-1)
        out = torch.zeros_like(tokens)
        for e, expert in enumerate(self.experts):
            rows, slot = torch.where(top_i == e)
            if len(rows):
                out = out.index_add(0, rows, w[rows, slot, None] * expert(tokens[rows]))
        return out.reshape(x.shape)
