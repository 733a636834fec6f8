import numpy as np
import torch


def grpo_advantages(rewards, eps=1e-4):
    r = rewards.detach().cpu().numpy().astype(np.float64)
    mu = r.mean(axis=1, keepdims=True)
    sd = r.std(axis=1, ddof=1, keepdims=True)
    return torch.from_numpy((r - mu) / (sd + eps)).float()
