import torch


def clip_loss(image_emb, text_emb, logit_scale):
    img = image_emb / image_emb.norm(dim=1, keepdim=True)
    txt = text_emb / text_emb.norm(dim=1, keepdim=True)
    logits = logit_scale * (img @ txt.t())
    i2t = -torch.log_softmax(logits, dim=1).diagonal().mean()
    t2i = -torch.log_softmax(logits, dim=0).diagonal().mean()
    return 0.5 * (i2t + t2i)
