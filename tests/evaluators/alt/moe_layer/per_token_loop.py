# top-k of the full softmax, renormalised; one expert call per routed (token, expert) pair.
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
        d = x.shape[-1]
        tokens = x.reshape(-1, d)
        probs = F.softmax(self.gate(tokens), dim=-1)
        top_p, top_i = probs.topk(self.top_k, dim=-1)
        top_p = top_p / top_p.sum(dim=-1, keepdim=True)
        rows = []
        for t in range(tokens.shape[0]):
            acc = 0
            for j in range(self.top_k):
                acc = acc + top_p[t, j] * self.experts[int(top_i[t, j])](tokens[t:t + 1])[0]
            rows.append(acc)
        return torch.stack(rows).reshape(x.shape)
