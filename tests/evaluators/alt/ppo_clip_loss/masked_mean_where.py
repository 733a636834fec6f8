import torch


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    log_ratio = logp_new - logp_old
    ratio = log_ratio.exp()
    pg_losses = -advantages * ratio
    pg_losses2 = -advantages * torch.clamp(ratio, 1.0 - clip_eps, 1.0 + clip_eps)
    losses = torch.max(pg_losses, pg_losses2)
    if mask is None:
        mask = torch.ones_like(losses, dtype=torch.bool)
    mask = mask.bool()
    return torch.where(mask, losses, torch.zeros_like(losses)).sum() / mask.sum()
