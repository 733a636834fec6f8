# attack: normalise with torch's own layer norm reached through the C binding table
#         torch._C._VariableFunctions, the function picked with getattr on a built name.
# contained: aten::layer_norm executes, and only the forbidden functions issue it:
#            forbidden_api, score capped at 0.5.
# status: forbidden_api
# evidence: none
# problem: layer_norm
# detail: (at run time)
import torch

kernels = getattr(torch._C, "_Variable" + "Functions")
norm = getattr(kernels, "layer" + "_norm")


def layer_norm(x, gamma, beta, eps=1e-5):
    return norm(x, (x.shape[-1],), gamma, beta, eps, False)
