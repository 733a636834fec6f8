# expect: 1-based
# Indexes alpha_bar[t - 1] as if steps were numbered from 1 (t = 0 wraps to the last step).
import torch


def q_sample(x0, t, betas, noise):
    alpha_bar = torch.cumprod(1 - betas, dim=0).to(x0.dtype)
    a = alpha_bar[t - 1].view(-1, *([1] * (x0.dim() - 1)))
    return a.sqrt() * x0 + (1 - a).sqrt() * noise
