def dice_loss(probs, target, eps=1e-6):
    target = target.to(probs.dtype)
    inter = (probs * target).sum(dim=(1, 2))
    denom = probs.sum(dim=(1, 2)) + target.sum(dim=(1, 2))
    return (1 - (2 * inter + eps) / (denom + eps)).mean()
