import numpy as np
import torch
import torch.nn.functional as F


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    xt = torch.tensor(x, requires_grad=True)
    g = torch.tensor(gamma, requires_grad=True)
    b = torch.zeros_like(g, requires_grad=True)
    (F.layer_norm(xt, g.shape, g, b, eps) * torch.tensor(dy)).sum().backward()
    return xt.grad.numpy(), g.grad.numpy(), b.grad.numpy()
