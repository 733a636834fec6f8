# expect: eps looks added inside the square root
import torch


def grpo_advantages(rewards, eps=1e-4):
    mean = rewards.mean(dim=1, keepdim=True)
    var = rewards.var(dim=1, keepdim=True)
    return (rewards - mean) / torch.sqrt(var + eps)
