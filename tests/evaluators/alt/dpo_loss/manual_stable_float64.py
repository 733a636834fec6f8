# Hand-written stable log(1 + exp(-z)) in float64, cast back.
import torch


def dpo_loss(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
             beta=0.1):
    pc, pr = policy_chosen_logps.double(), policy_rejected_logps.double()
    rc, rr = ref_chosen_logps.double(), ref_rejected_logps.double()
    z = beta * ((pc - rc) - (pr - rr))
    per = torch.clamp(-z, min=0) + torch.log1p(torch.exp(-torch.abs(z)))
    loss = per.mean().to(policy_chosen_logps.dtype)
    rewards_c = (beta * (pc - rc)).float().detach()
    rewards_r = (beta * (pr - rr)).float().detach()
    return loss, rewards_c, rewards_r
