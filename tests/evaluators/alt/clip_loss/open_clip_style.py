# open_clip's ClipLoss: logits_per_image and logits_per_text computed separately.
import torch
import torch.nn.functional as F


def clip_loss(image_emb, text_emb, logit_scale):
    image_features = F.normalize(image_emb, dim=-1)
    text_features = F.normalize(text_emb, dim=-1)
    logits_per_image = logit_scale * image_features @ text_features.T
    logits_per_text = logit_scale * text_features @ image_features.T
    labels = torch.arange(logits_per_image.shape[0], device=image_emb.device, dtype=torch.long)
    return (F.cross_entropy(logits_per_image, labels) + F.cross_entropy(logits_per_text, labels)) / 2
