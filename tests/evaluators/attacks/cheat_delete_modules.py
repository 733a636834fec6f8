# attack: sabotage the harness from inside: delete numpy, torch, json, the harness and the wire
#         module from sys.modules, replace builtins.__import__, so that results are mis-exported or
#         the harness crashes in a way that looks like success.
# contained: the harness holds its own references; at worst the candidate's results cannot be
#            exported and the run reports failures — never a pass, and the pool keeps serving.
# status: not-passed
# evidence: none
import builtins
import sys

import torch

for name in list(sys.modules):
    if name.split(".")[0] in ("numpy", "torch", "json", "evaluators", "struct", "io"):
        del sys.modules[name]
builtins.__import__ = lambda *a, **k: (_ for _ in ()).throw(ImportError("sabotaged"))


def scaled_dot_product_attention(q, k, v, mask=None):
    weights = torch.ones(*q.shape[:-1], k.shape[-2])
    return weights @ v, weights
