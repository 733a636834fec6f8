# expect: outputs
# Multiplies the hidden state by W_hh instead of W_hh^T (square, so it never crashes).
import numpy as np


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    h = h0
    outputs = []
    for t in range(x.shape[0]):
        h = np.tanh(x[t] @ W_ih.T + b_ih + h @ W_hh + b_hh)
        outputs.append(h)
    return np.stack(outputs), h
