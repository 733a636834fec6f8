# expect: kl looks reversed
import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, targets, T=2.0, alpha=0.5):
    log_p_t = F.log_softmax(teacher_logits / T, dim=1)
    p_s = F.softmax(student_logits / T, dim=1)
    kl = F.kl_div(log_p_t, p_s, reduction="batchmean")
    return alpha * T ** 2 * kl + (1 - alpha) * F.cross_entropy(student_logits, targets)
