# expect: empty_mask_predicted_empty_gives_zero
# Smoothing only in the denominator: an empty mask predicted empty gets loss 1 instead of 0.
def dice_loss(probs, target, eps=1e-6):
    inter = (probs * target).sum(dim=(1, 2))
    denom = probs.sum(dim=(1, 2)) + target.sum(dim=(1, 2))
    return (1 - 2 * inter / (denom + eps)).mean()
