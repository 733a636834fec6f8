# expect: whole batch
# Sums over the whole batch at once instead of per sample.
def dice_loss(probs, target, eps=1e-6):
    inter = (probs * target).sum()
    return 1 - (2 * inter + eps) / (probs.sum() + target.sum() + eps)
