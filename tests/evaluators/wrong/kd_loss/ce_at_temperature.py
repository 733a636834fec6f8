# expect: cross-entropy looks computed at temperature t
import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, targets, T=2.0, alpha=0.5):
    s = student_logits / T
    kl = F.kl_div(F.log_softmax(s, dim=1), F.softmax(teacher_logits / T, dim=1),
                  reduction="batchmean")
    return alpha * T ** 2 * kl + (1 - alpha) * F.cross_entropy(s, targets)
