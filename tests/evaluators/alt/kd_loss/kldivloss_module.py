import torch
from torch import nn


def kd_loss(student_logits, teacher_logits, targets, T=2.0, alpha=0.5):
    kl = nn.KLDivLoss(reduction="batchmean")(torch.log_softmax(student_logits / T, dim=1),
                                             torch.softmax(teacher_logits / T, dim=1))
    ce = nn.CrossEntropyLoss()(student_logits, targets)
    return kl * (alpha * T * T) + ce * (1.0 - alpha)
