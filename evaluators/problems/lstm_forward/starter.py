import numpy as np


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """x (T, N, D), h0 and c0 (N, H), W_ih (4H, D), W_hh (4H, H), b_ih and b_hh (4H,).

    Gate rows are stacked in torch.nn.LSTM order: i, f, g, o.
    Return (outputs (T, N, H) holding h_1 ... h_T, (h_T, c_T)).
    """
    raise NotImplementedError
