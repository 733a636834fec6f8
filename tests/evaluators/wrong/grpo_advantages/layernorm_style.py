# expect: biased std with eps inside the square root
import torch.nn.functional as F


def grpo_advantages(rewards, eps=1e-4):
    return F.layer_norm(rewards, rewards.shape[-1:], eps=eps)
