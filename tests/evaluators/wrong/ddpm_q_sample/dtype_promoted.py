# expect: dtype
# alpha_bar keeps the dtype of betas: float32 x0 with float64 betas comes back float64.
import torch


def q_sample(x0, t, betas, noise):
    alpha_bar = torch.cumprod(1 - betas, dim=0)
    a = alpha_bar[t].view(-1, *([1] * (x0.dim() - 1)))
    return a.sqrt() * x0 + (1 - a).sqrt() * noise
