# expect: must not update
# Updates the running statistics on every call, eval included (then normalizes with them).
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        mean = x.mean(axis=0)
        var = x.var(axis=0)
        out_mean, out_var = (mean, var) if training else (self.running_mean, self.running_var)
        if x.shape[0] > 1:
            n = x.shape[0]
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean
            self.running_var = ((1 - self.momentum) * self.running_var
                                + self.momentum * var * n / (n - 1))
        return (x - out_mean) / np.sqrt(out_var + self.eps) * self.gamma + self.beta
