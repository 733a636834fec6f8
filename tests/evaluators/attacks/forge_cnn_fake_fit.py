# attack: a "CNN" whose output never changes (so it cannot learn anything) passes the training
#         test by replacing the driver's steps from inside the submission: fit() and structure()
#         of evaluators.drivers.simple_cnn return a loss that "falls" and two conv layers, and
#         torch.nn.functional.cross_entropy returns a shrinking fake loss.
# contained: the harness calls the driver functions it captured before the submission loaded,
#            the loss that drives training is the C function captured at import, the fit is
#            judged on the trusted side from the logits themselves, and the rebound driver is
#            reported as tampering: an error grade.
# status: error
# evidence: none
# problem: simple_cnn
# timeout: 30
# detail: tampered
import sys

import torch
import torch.nn.functional as F

driver = sys.modules["evaluators.drivers.simple_cnn"]
driver.fit = lambda ns, payload: {"losses": [2.3, 1.0, 0.5, 0.1]}
driver.structure = lambda ns, payload: {"conv_modules": 2, "kernel_params": 2}
calls = [0]


def fake_loss(*args, **kwargs):
    calls[0] += 1
    return torch.tensor(2.3 / calls[0], requires_grad=True)


F.cross_entropy = fake_loss


class SimpleCNN(torch.nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.bias = torch.nn.Parameter(torch.zeros(num_classes))

    def forward(self, x):
        return self.bias.expand(x.shape[0], -1) * 0
