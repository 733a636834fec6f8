# expect: .grad is None
# Computes the value in numpy and wraps it in a fresh tensor: no gradient reaches z1, z2.
import numpy as np
import torch


def nt_xent_loss(z1, z2, temperature=0.5):
    z = np.concatenate([z1.detach().numpy(), z2.detach().numpy()]).astype(np.float64)
    z /= np.linalg.norm(z, axis=1, keepdims=True)
    n = len(z1)
    sim = z @ z.T / temperature
    np.fill_diagonal(sim, -np.inf)
    pos = np.concatenate([np.arange(n, 2 * n), np.arange(n)])
    m = sim.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(sim - m).sum(axis=1))
    loss = (lse - sim[np.arange(2 * n), pos]).mean()
    return torch.tensor(loss, dtype=torch.float32, requires_grad=True)
