# attack: compute the cross-entropy with the forbidden torch.nn.functional.cross_entropy, named
#         only inside eval() of a concatenated string, so no AST walk can find it.
# contained: the run executes aten::cross_entropy_loss, which only that function issues:
#            forbidden_api, score capped at 0.5.
# status: forbidden_api
# evidence: none
# problem: cross_entropy
# detail: torch.nn.functional.cross_entropy (at run time)
import torch

loss_fn = eval("torch.nn.functional." + "cross" + "_entropy")


def cross_entropy(logits, targets):
    return float(loss_fn(torch.from_numpy(logits).double(), torch.from_numpy(targets).long()))
