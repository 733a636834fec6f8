# TRL's GRPOTrainer: flat rewards, grouped stats repeated back with repeat_interleave.
import torch


def grpo_advantages(rewards: torch.Tensor, eps: float = 1e-4) -> torch.Tensor:
    b, g = rewards.shape
    flat = rewards.reshape(-1)
    mean_grouped = flat.view(-1, g).mean(dim=1).repeat_interleave(g, dim=0)
    std_grouped = flat.view(-1, g).std(dim=1).repeat_interleave(g, dim=0)
    return ((flat - mean_grouped) / (std_grouped + eps)).view(b, g)
