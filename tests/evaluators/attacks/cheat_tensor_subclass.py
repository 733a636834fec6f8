# attack: return a torch.Tensor subclass whose __eq__, __array__, numpy(), detach(), allclose,
#         tolist, and __torch_function__ lie, hoping the harness or grader trusts its methods.
# contained: the harness exports with torch.Tensor.detach (the base-class method) and plain
#            numpy arrays cross the boundary; the lies never reach the comparison. Tests fail.
# status: failed
# evidence: none
import numpy as np
import torch


class Liar(torch.Tensor):
    def __eq__(self, other):
        return True

    def __array__(self, *args, **kwargs):
        return np.zeros(1)

    def numpy(self, *args, **kwargs):
        return np.zeros(1)

    def detach(self):
        return self

    def allclose(self, *args, **kwargs):
        return True

    def tolist(self):
        return []


def scaled_dot_product_attention(q, k, v, mask=None):
    out = torch.zeros(*q.shape[:-1], v.shape[-1]).as_subclass(Liar)
    weights = torch.zeros(*q.shape[:-1], k.shape[-2]).as_subclass(Liar)
    return out, weights
