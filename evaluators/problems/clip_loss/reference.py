import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    image = F.normalize(image_emb, dim=-1)
    text = F.normalize(text_emb, dim=-1)
    logits = logit_scale * image @ text.T
    labels = torch.arange(logits.shape[0])
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
