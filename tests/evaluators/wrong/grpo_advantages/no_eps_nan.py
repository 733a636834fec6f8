# expect: std 0
# Forgets eps: a row of equal rewards divides 0 by 0.
def grpo_advantages(rewards, eps=1e-4):
    mean = rewards.mean(dim=-1, keepdim=True)
    return (rewards - mean) / rewards.std(dim=-1, keepdim=True)
