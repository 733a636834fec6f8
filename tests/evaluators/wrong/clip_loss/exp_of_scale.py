# expect: exponentiated again
import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    scale = torch.exp(torch.as_tensor(logit_scale))
    img, txt = F.normalize(image_emb, dim=1), F.normalize(text_emb, dim=1)
    logits = scale * img @ txt.T
    labels = torch.arange(len(logits))
    return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
