# Returns a list and uses torch.nn.functional under its full name.
import torch


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1):
    chosen_logratio = policy_chosen_logps - ref_chosen_logps
    rejected_logratio = policy_rejected_logps - ref_rejected_logps
    losses = -torch.nn.functional.logsigmoid(beta * chosen_logratio - beta * rejected_logratio)
    return [losses.mean(), beta * chosen_logratio.detach(), beta * rejected_logratio.detach()]
