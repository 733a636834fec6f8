# expect: cumulative product
import torch


def q_sample(x0, t, betas, noise):
    alphas = (1 - betas).to(x0.dtype)
    a = alphas[t].view(-1, *([1] * (x0.dim() - 1)))
    return a.sqrt() * x0 + (1 - a).sqrt() * noise
