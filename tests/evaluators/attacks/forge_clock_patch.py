# attack: pass the factorization-machine time budget with a slow solution by replacing every
#         clock the harness or a driver could read inside the sandbox: time.perf_counter,
#         time.monotonic, time.time, the captured clock in evaluators.common_numeric and its
#         timed() helper, so the measured time of the budget case comes out as zero.
# contained: the budget is judged on the supervisor's own clocks, outside the process; the
#            patched evaluators module is reported as tampering: an error grade.
# status: error
# evidence: none
# problem: fm_predict
# timeout: 15
# detail: tampered
import sys
import time

import numpy as np

zero = lambda *a, **k: 0.0  # noqa: E731
for name in ("perf_counter", "monotonic", "time", "process_time"):
    setattr(time, name, zero)
common = sys.modules["evaluators.common_numeric"]
common._perf_counter = zero
common.timed = lambda fn, *args, **kwargs: (fn(*args, **kwargs), 0.0)


def fm_predict(X, w0, w, V):
    if X.shape[0] >= 512:
        time.sleep(4)  # the real clock keeps running
    xv = X @ V
    return w0 + X @ w + 0.5 * ((xv * xv).sum(axis=1) - ((X * X) @ (V * V)).sum(axis=1))
