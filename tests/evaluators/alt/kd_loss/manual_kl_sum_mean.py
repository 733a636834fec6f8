# KL written out: sum over classes, mean over the batch; CE via log_softmax + gather.
import torch


def kd_loss(student_logits, teacher_logits, targets, T=2.0, alpha=0.5):
    log_ps = torch.log_softmax(student_logits / T, dim=-1)
    log_pt = torch.log_softmax(teacher_logits / T, dim=-1)
    kl = (log_pt.exp() * (log_pt - log_ps)).sum(dim=-1).mean()
    logp = torch.log_softmax(student_logits, dim=-1)
    ce = -logp.gather(1, targets.view(-1, 1)).mean()
    return alpha * (T ** 2) * kl + (1.0 - alpha) * ce
