# expect: whole batch
# Normalises across the whole batch, like PPO advantage whitening.
def grpo_advantages(rewards, eps=1e-4):
    return (rewards - rewards.mean()) / (rewards.std() + eps)
