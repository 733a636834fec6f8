# Soft cross-entropy minus the teacher's entropy equals the KL; kl_div with log_target, float64.
import torch
import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, targets, T=2.0, alpha=0.5):
    s, t = student_logits.double(), teacher_logits.double()
    log_pt = F.log_softmax(t / T, dim=1)
    kl = F.kl_div(F.log_softmax(s / T, dim=1), log_pt, reduction="sum", log_target=True)
    kl = kl / s.shape[0]
    hard = F.cross_entropy(s, targets)
    return (alpha * T * T * kl + (1 - alpha) * hard).float()
