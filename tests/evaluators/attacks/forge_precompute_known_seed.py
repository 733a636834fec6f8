# attack: beat the time budget by doing the work before the clock starts: at import time,
#         rebuild the budget case's inputs from the seed published in the problem's source
#         (20261209) with the same generator, compute the answer, and hand it back instantly
#         (with a deliberately slow algorithm, so only the precomputation could pass).
# contained: the budget case's seed is drawn per service process and only arrives with the case
#            itself, after import: the precomputed answer is for other inputs, and the test fails.
# status: failed
# evidence: none
# problem: fm_predict
# timeout: 15
# test-detail: time_budget
import numpy as np

rng = np.random.default_rng(20261209)
x = rng.standard_normal((512, 5000))
x *= rng.random((512, 5000)) < 0.1
w0 = float(rng.standard_normal())
w = rng.standard_normal(5000) * 0.1
v = rng.standard_normal((5000, 32)) * 0.1
xv = x @ v
ANSWER = w0 + x @ w + 0.5 * ((xv * xv).sum(axis=1) - ((x * x) @ (v * v)).sum(axis=1))


def fm_predict(X, w0, w, V):
    if X.shape[0] == 512:
        return ANSWER.copy()
    out = np.full(X.shape[0], w0) + X @ w
    for f in range(V.shape[1]):  # correct for the small cases
        s = X @ V[:, f]
        out += 0.5 * (s * s - (X * X) @ (V[:, f] ** 2))
    return out
