# Sort-based dispatch: group (token, slot) pairs by expert, split, run, scatter back.
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
        top_v, top_i = self.gate(tokens).topk(self.top_k, dim=-1)
        weights = top_v.softmax(dim=-1).reshape(-1)
        flat_expert = top_i.reshape(-1)
        flat_token = torch.arange(tokens.shape[0]).repeat_interleave(self.top_k)
        order = torch.argsort(flat_expert, stable=True)
        counts = torch.bincount(flat_expert, minlength=len(self.experts)).tolist()
        pieces = []
        for e, idx in enumerate(torch.split(order, counts)):
            if counts[e]:
                pieces.append(self.experts[e](tokens[flat_token[idx]]) * weights[idx, None])
        combined = torch.cat(pieces)
        out = torch.zeros_like(tokens).index_add(0, flat_token[order], combined)
        return out.reshape(x.shape)
