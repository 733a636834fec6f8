# expect: without its share smoothing / c
import torch
import torch.nn.functional as F


def label_smoothing_ce(logits, targets, smoothing=0.1):
    c = logits.shape[1]
    q = torch.full_like(logits, smoothing / c)
    q[torch.arange(len(targets)), targets] = 1 - smoothing
    return torch.mean(torch.sum(-q * F.log_softmax(logits, -1), -1))
