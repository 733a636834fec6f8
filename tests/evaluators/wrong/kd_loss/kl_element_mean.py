# expect: averaged over all n·c elements
import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, targets, T=2.0, alpha=0.5):
    kl = F.kl_div(F.log_softmax(student_logits / T, dim=1), F.softmax(teacher_logits / T, dim=1),
                  reduction="mean")
    return alpha * T * T * kl + (1 - alpha) * F.cross_entropy(student_logits, targets)
