import torch.nn.functional as F


def kd_loss(student_logits, teacher_logits, targets, T=2.0, alpha=0.5):
    log_p_s = F.log_softmax(student_logits / T, dim=-1)
    p_t = F.softmax(teacher_logits / T, dim=-1)
    kl = F.kl_div(log_p_s, p_t, reduction="batchmean")
    ce = F.cross_entropy(student_logits, targets)
    return alpha * T * T * kl + (1 - alpha) * ce
