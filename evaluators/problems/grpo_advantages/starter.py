import torch


def grpo_advantages(rewards: torch.Tensor, eps: float = 1e-4) -> torch.Tensor:
    """rewards (B, G): G completions per prompt. Return (B, G) float32
    A = (r - mean_row) / (std_row + eps), std unbiased (divide by G - 1)."""
    raise NotImplementedError
