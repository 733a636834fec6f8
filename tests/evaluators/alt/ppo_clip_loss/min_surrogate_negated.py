# The textbook form: L = -min(r A, clip(r) A), masked token mean in float64.
import torch


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    ratio = torch.exp(logp_new.double() - logp_old.double())
    adv = advantages.double().expand_as(ratio)
    surrogate = torch.min(ratio * adv, torch.clamp(ratio, 1 - clip_eps, 1 + clip_eps) * adv)
    m = torch.ones_like(ratio) if mask is None else mask.double()
    return (-(surrogate * m).sum() / m.sum()).float()
