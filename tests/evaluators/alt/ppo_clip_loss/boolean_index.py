# Selects the valid tokens with boolean indexing, then a plain mean.
import torch


def ppo_clip_loss(logp_new, logp_old, advantages, clip_eps=0.2, mask=None):
    adv = torch.broadcast_to(advantages, logp_new.shape)
    ratio = torch.exp(logp_new - logp_old)
    per_token = torch.maximum(-adv * ratio, -adv * ratio.clip(1 - clip_eps, 1 + clip_eps))
    if mask is not None:
        per_token = per_token[mask.bool()]
    return per_token.mean()
