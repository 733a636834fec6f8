import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    """q (..., Lq, d), k (..., Lk, d), v (..., Lk, dv); mask bool, True = may attend.

    Return (output (..., Lq, dv), weights (..., Lq, Lk)).
    """
    raise NotImplementedError
