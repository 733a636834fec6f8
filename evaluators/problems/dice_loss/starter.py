import torch  # noqa: F401


def dice_loss(probs, target, eps=1e-6):
    """probs, target: (N, H, W) float tensors (probabilities and a {0, 1} mask).

    Return the scalar tensor mean over samples of 1 - (2 sum(p t) + eps) / (sum p + sum t + eps).
    """
    raise NotImplementedError
