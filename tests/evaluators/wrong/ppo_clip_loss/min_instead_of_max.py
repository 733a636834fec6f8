# expect: min of the negated terms
import torch


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    ratio = torch.exp(logp_new - logp_old)
    surr1 = -ratio * advantages
    surr2 = -torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * advantages
    loss = torch.min(surr1, surr2)
    if mask is None:
        return loss.mean()
    mask = mask.float()
    return (loss * mask).sum() / mask.sum()
