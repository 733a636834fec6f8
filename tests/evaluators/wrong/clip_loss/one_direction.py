# expect: only the image→text direction
import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    img, txt = F.normalize(image_emb, dim=1), F.normalize(text_emb, dim=1)
    logits = logit_scale * img @ txt.T
    return F.cross_entropy(logits, torch.arange(len(logits)))
