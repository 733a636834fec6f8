import torch.nn.functional as F


def label_smoothing_ce(logits, targets, smoothing=0.1):
    logp = F.log_softmax(logits, dim=-1)
    return (1 - smoothing) * F.nll_loss(logp, targets) + smoothing * (-logp.mean(dim=-1)).mean()
