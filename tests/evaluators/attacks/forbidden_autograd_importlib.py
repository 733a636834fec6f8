# attack: let autograd do the backward pass of the numpy-only MLP problem: torch.autograd is
#         reached through importlib with a built name, tensors are made with getattr(torch,
#         "from_" + "numpy"), so the forbidden names never appear in the source.
# contained: the autograd engine and the torch operators are seen executing: forbidden_api,
#            score capped at 0.5.
# status: forbidden_api
# evidence: none
# problem: mlp_backprop
# detail: torch.autograd (at run time)
import importlib

import torch

grad = importlib.import_module("torch." + "auto" + "grad").grad
as_tensor = getattr(torch, "from_" + "numpy")


def two_layer_mlp_grads(X, y, W1, b1, W2, b2):
    params = [as_tensor(p.copy()).requires_grad_(True) for p in (W1, b1, W2, b2)]
    w1, c1, w2, c2 = params
    a1 = torch.sigmoid(as_tensor(X) @ w1 + c1)
    a2 = torch.sigmoid(a1 @ w2 + c2)
    t = as_tensor(y)
    loss = -(t * torch.log(a2) + (1 - t) * torch.log(1 - a2)).sum() / X.shape[0]
    grads = grad(loss, params)
    return {k: g.detach().numpy() for k, g in zip(("dW1", "db1", "dW2", "db2"), grads)}
