import torch


def clip_loss(image_emb, text_emb, logit_scale):
    a = image_emb.double()
    b = text_emb.double()
    a = a / torch.sqrt((a * a).sum(-1, keepdim=True))
    b = b / torch.sqrt((b * b).sum(-1, keepdim=True))
    sim = (a @ b.T) * logit_scale
    diag = sim.diagonal()
    loss = (torch.logsumexp(sim, 1) - diag).mean() + (torch.logsumexp(sim, 0) - diag).mean()
    return (loss / 2).to(image_emb.dtype)
