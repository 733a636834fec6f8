# Dense weight matrix via scatter, experts run only where a weight is non-zero; float64 combine.
import torch
import torch.nn.functional as F
from torch import nn


class Expert(nn.Module):
    def __init__(self, d_model, d_hidden):
        super().__init__()
        self.fc1 = nn.Linear(d_model, d_hidden)
        self.fc2 = nn.Linear(d_hidden, d_model)

    def forward(self, h):
        return self.fc2(nn.GELU()(self.fc1(h)))


class MoE(nn.Module):
    def __init__(self, d_model, d_hidden, n_experts, top_k):
        super().__init__()
        self.top_k = top_k
        self.gate = nn.Linear(d_model, n_experts, bias=False)
        self.experts = nn.ModuleList([Expert(d_model, d_hidden) for _ in range(n_experts)])

    def forward(self, x):
        shape = x.shape
        tokens = x.reshape(-1, shape[-1])
        logits = self.gate(tokens)
        top_v, top_i = torch.topk(logits, self.top_k, dim=-1, sorted=False)
        dense = torch.zeros_like(logits).scatter(-1, top_i, torch.softmax(top_v, dim=-1))
        out = torch.zeros(tokens.shape, dtype=torch.float64)
        for e in range(dense.shape[1]):
            idx = torch.nonzero(dense[:, e] > 0).flatten()
            if idx.numel() == 0:
                continue
            y = self.experts[e](tokens[idx]).double()
            out = out.index_add(0, idx, dense[idx, e, None].double() * y)
        return out.to(x.dtype).reshape(shape)
