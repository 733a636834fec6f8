# expect: surrogate objective itself
import torch


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    ratio = (logp_new - logp_old).exp()
    obj = torch.min(ratio * advantages, ratio.clamp(1 - clip_eps, 1 + clip_eps) * advantages)
    if mask is None:
        return obj.mean()
    mask = mask.float()
    return (obj * mask).sum() / mask.sum()
