import torch.nn.functional as F


def label_smoothing_ce(logits, targets, smoothing=0.1):
    return F.cross_entropy(logits, targets, label_smoothing=smoothing)
