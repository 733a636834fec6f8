import torch.nn as nn


def label_smoothing_ce(logits, targets, smoothing=0.1):
    loss = getattr(nn, "CrossEntropyLoss")(label_smoothing=smoothing)
    return loss(logits, targets)
