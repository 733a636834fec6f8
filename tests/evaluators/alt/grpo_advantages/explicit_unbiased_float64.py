import torch


def grpo_advantages(rewards, eps=1e-4):
    r = rewards.double()
    g = r.shape[1]
    mean = r.sum(dim=1, keepdim=True) / g
    std = torch.sqrt(((r - mean) ** 2).sum(dim=1, keepdim=True) / (g - 1))
    return ((r - mean) / (std + eps)).to(torch.float32)
