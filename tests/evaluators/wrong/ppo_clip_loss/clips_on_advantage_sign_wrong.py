# expect: only the clipped term is used
# Uses the clipped ratio everywhere (no pessimistic max).
import torch


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    ratio = torch.clamp(torch.exp(logp_new - logp_old), 1 - clip_eps, 1 + clip_eps)
    loss = -advantages * ratio
    if mask is None:
        return loss.mean()
    mask = mask.float()
    return (loss * mask).sum() / mask.sum()
