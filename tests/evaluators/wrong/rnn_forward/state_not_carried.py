# expect: outputs
# Feeds h0 into every step instead of the previous hidden state.
import numpy as np


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    outputs = []
    for t in range(x.shape[0]):
        h = np.tanh(x[t] @ W_ih.T + b_ih + h0 @ W_hh.T + b_hh)
        outputs.append(h)
    return np.stack(outputs), outputs[-1]
