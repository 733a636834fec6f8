# attack: a correct factorization machine that stalls for 3 s on the big budget case, betting
#         that a budget counting only CPU time (sleeping costs none) lets it through.
# contained: the supervisor also bounds the wall time of the case (2x the CPU budget): the time
#            budget test fails, every other test passes — not a pass.
# status: failed
# evidence: none
# problem: fm_predict
# timeout: 15
# test-detail: sleeping or waiting
import time


def fm_predict(X, w0, w, V):
    if X.shape[0] >= 512:
        time.sleep(3)
    xv = X @ V
    return w0 + X @ w + 0.5 * ((xv * xv).sum(axis=1) - ((X * X) @ (V * V)).sum(axis=1))
