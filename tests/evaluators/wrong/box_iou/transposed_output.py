# expect: transposed
import torch


def box_iou(boxes1, boxes2):
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    lt = torch.max(boxes2[:, None, :2], boxes1[None, :, :2])
    rb = torch.min(boxes2[:, None, 2:], boxes1[None, :, 2:])
    wh = (rb - lt).clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    return inter / (area2[:, None] + area1[None, :] - inter)


def generalized_box_iou(boxes1, boxes2):
    iou = box_iou(boxes1, boxes2)
    lt = torch.min(boxes2[:, None, :2], boxes1[None, :, :2])
    rb = torch.max(boxes2[:, None, 2:], boxes1[None, :, 2:])
    c = (rb - lt).prod(-1)
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    union = area2[:, None] + area1[None, :] - iou * 0
    inter = iou * union / (1 + iou)
    return iou - (c - (union - inter)) / c
