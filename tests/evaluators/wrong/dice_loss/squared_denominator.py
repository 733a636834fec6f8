# expect: squared terms
# V-Net style denominator (sum p^2 + sum t^2) instead of sum p + sum t.
def dice_loss(probs, target, eps=1e-6):
    inter = (probs * target).sum(dim=(1, 2))
    denom = (probs ** 2).sum(dim=(1, 2)) + (target ** 2).sum(dim=(1, 2))
    return (1 - (2 * inter + eps) / (denom + eps)).mean()
