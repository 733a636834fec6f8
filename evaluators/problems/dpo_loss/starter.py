import torch
import torch.nn.functional as F


def dpo_loss(policy_chosen_logps: torch.Tensor, policy_rejected_logps: torch.Tensor,
             ref_chosen_logps: torch.Tensor, ref_rejected_logps: torch.Tensor,
             beta: float = 0.1) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Each input (B,): summed log-probs of the chosen / rejected responses.
    Return (loss (0-d), chosen_rewards (B,), rejected_rewards (B,)); rewards detached."""
    raise NotImplementedError
