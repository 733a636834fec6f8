import torch  # noqa: F401


def q_sample(x0, t, betas, noise):
    """x0 (B, ...), t LongTensor (B,), betas (T,), noise like x0.

    alpha_bar = cumprod(1 - betas); x_t = sqrt(alpha_bar[t]) * x0 + sqrt(1 - alpha_bar[t]) * noise,
    broadcast over the non-batch dims of x0. The result has the dtype of x0.
    """
    raise NotImplementedError
