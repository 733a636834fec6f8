# numpy broadcasting inside, torch tensors in and out.
import numpy as np
import torch


def _parts(boxes1, boxes2):
    a = boxes1.numpy().astype(np.float64)
    b = boxes2.numpy().astype(np.float64)
    lo = np.maximum(a[:, None, :2], b[None, :, :2])
    hi = np.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = np.prod(np.clip(hi - lo, 0, None), axis=-1)
    area_a = np.prod(a[:, 2:] - a[:, :2], axis=-1)
    area_b = np.prod(b[:, 2:] - b[:, :2], axis=-1)
    union = area_a[:, None] + area_b[None, :] - inter
    c = np.prod(np.maximum(a[:, None, 2:], b[None, :, 2:])
                - np.minimum(a[:, None, :2], b[None, :, :2]), axis=-1)
    return inter, union, c


def box_iou(boxes1, boxes2):
    inter, union, _ = _parts(boxes1, boxes2)
    return torch.from_numpy(inter / union).float()


def generalized_box_iou(boxes1, boxes2):
    inter, union, c = _parts(boxes1, boxes2)
    return torch.from_numpy(inter / union - (c - union) / c).float()
