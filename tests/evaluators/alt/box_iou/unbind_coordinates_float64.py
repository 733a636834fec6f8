# Coordinates unbound into columns, computed in float64, returned as float32.
import torch


def _parts(boxes1, boxes2):
    x11, y11, x12, y12 = boxes1.double().unbind(-1)
    x21, y21, x22, y22 = boxes2.double().unbind(-1)
    iw = (torch.min(x12[:, None], x22[None]) - torch.max(x11[:, None], x21[None])).clamp_min(0)
    ih = (torch.min(y12[:, None], y22[None]) - torch.max(y11[:, None], y21[None])).clamp_min(0)
    inter = iw * ih
    union = ((x12 - x11) * (y12 - y11))[:, None] + ((x22 - x21) * (y22 - y21))[None] - inter
    cw = torch.max(x12[:, None], x22[None]) - torch.min(x11[:, None], x21[None])
    ch = torch.max(y12[:, None], y22[None]) - torch.min(y11[:, None], y21[None])
    return inter, union, cw * ch


def box_iou(boxes1, boxes2):
    inter, union, _ = _parts(boxes1, boxes2)
    return (inter / union).float()


def generalized_box_iou(boxes1, boxes2):
    inter, union, c = _parts(boxes1, boxes2)
    return (inter / union - (c - union) / c).float()
