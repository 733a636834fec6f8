# expect: h_T
# Returns outputs[0] as the final state (indexing slip).
import numpy as np


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    h = h0
    outputs = []
    for t in range(x.shape[0]):
        h = np.tanh(x[t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        outputs.append(h)
    outputs = np.stack(outputs)
    return outputs, outputs[0]
