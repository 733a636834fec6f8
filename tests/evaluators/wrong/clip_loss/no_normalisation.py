# expect: not l2-normalised
import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    logits = logit_scale * image_emb @ text_emb.T
    labels = torch.arange(len(logits))
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
