# expect: return the dtype of x
# LLaMA-style float32 computation, but forgets to cast back to x's dtype.
import torch


def rms_norm(x, weight, eps=1e-6):
    x32 = x.float()
    return x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + eps) * weight.float()
