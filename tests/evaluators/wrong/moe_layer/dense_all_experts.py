# expect: every expert was run on every token
# Computes every expert on every token, then keeps the routed ones with a dense weight matrix.
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
        logits = self.gate(tokens)
        top_v, top_i = logits.topk(self.top_k, dim=-1)
        dense = torch.zeros_like(logits).scatter(1, top_i, F.softmax(top_v, dim=-1))
        all_out = torch.stack([expert(tokens) for expert in self.experts], dim=1)  # (N, E, d)
        return (dense.unsqueeze(-1) * all_out).sum(dim=1).reshape(x.shape)
