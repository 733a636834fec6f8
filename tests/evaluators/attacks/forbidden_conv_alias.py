# attack: convolve with torch's conv2d kernel under an alias: the numpy inputs are turned into
#         tensors and torch._C._VariableFunctions.conv2d is looked up with getattr, so neither
#         torch.nn.functional.conv2d nor torch.conv2d appears in the source.
# contained: the convolution operators execute: forbidden_api, score capped at 0.5.
# status: forbidden_api
# evidence: none
# problem: conv2d
# detail: (at run time)
import torch

conv = getattr(vars(torch._C)["_VariableFunctions"], "con" + "v2d")


def conv2d(x, weight, bias=None, stride=1, padding=0):
    b = None if bias is None else torch.from_numpy(bias)
    out = conv(torch.from_numpy(x), torch.from_numpy(weight), b, stride, padding)
    return out.numpy()
