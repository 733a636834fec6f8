# expect: mean per sequence, then over sequences
import torch


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    ratio = torch.exp(logp_new - logp_old)
    loss = torch.max(-advantages * ratio, -advantages * ratio.clamp(1 - clip_eps, 1 + clip_eps))
    if mask is None:
        mask = torch.ones_like(loss)
    mask = mask.float()
    return ((loss * mask).sum(dim=1) / mask.sum(dim=1)).mean()
