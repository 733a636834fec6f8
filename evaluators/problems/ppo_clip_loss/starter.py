import torch


def ppo_clip_loss(logp_new: torch.Tensor, logp_old: torch.Tensor, advantages: torch.Tensor,
                  clip_eps: float = 0.2, mask: torch.Tensor | None = None) -> torch.Tensor:
    """logp_new, logp_old (B, T); advantages (B, T) or broadcastable (e.g. (B, 1));
    mask (B, T) bool or 0/1 float, or None. Return the token-level masked mean of
    max(-A * ratio, -A * clamp(ratio, 1 - clip_eps, 1 + clip_eps)) as a 0-d tensor."""
    raise NotImplementedError
