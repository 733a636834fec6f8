import torch


def q_sample(x0, t, betas, noise):
    alpha_bar = torch.cumprod(1.0 - betas.to(torch.float64), dim=0)
    a = alpha_bar[t].to(x0.dtype).view(-1, *([1] * (x0.dim() - 1)))
    return a.sqrt() * x0 + (1.0 - a).sqrt() * noise
