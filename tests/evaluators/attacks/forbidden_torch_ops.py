# attack: reach the forbidden attention kernel as a dispatcher operator, torch.ops.aten.<name>,
#         looked up with getattr on a built string, never through torch.nn.functional.
# contained: the operator profiler records aten::scaled_dot_product_attention however it was
#            called: forbidden_api, score capped at 0.5.
# status: forbidden_api
# evidence: none
# detail: scaled_dot_product_attention (at run time)
import math

import torch

op = getattr(torch.ops.aten, "scaled_dot_product" + "_attention")


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return op(q, k, v, mask), torch.softmax(scores, dim=-1)
