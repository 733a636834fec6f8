# expect: clip_eps looks ignored
import torch


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    ratio = torch.exp(logp_new - logp_old)
    loss = torch.max(-advantages * ratio, -advantages * ratio.clamp(0.8, 1.2))
    if mask is None:
        return loss.mean()
    mask = mask.float()
    return (loss * mask).sum() / mask.sum()
