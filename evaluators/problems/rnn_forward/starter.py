import numpy as np


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    """x (T, N, D), h0 (N, H), W_ih (H, D), W_hh (H, H), b_ih (H,), b_hh (H,).

    h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh).
    Return (outputs (T, N, H) holding h_1 ... h_T, h_T (N, H)).
    """
    raise NotImplementedError
