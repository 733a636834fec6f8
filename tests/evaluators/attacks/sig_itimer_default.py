# attack: fire SIGVTALRM/SIGALRM timers without being allowed a handler, hoping the default
#         action lands somewhere that corrupts the harness rather than ending the process.
# contained: the submission is PID 1 of its namespace, so a default-action signal it raises
#            for itself is dropped; nothing lands in the harness, the busy loop runs into the
#            supervisor's wall clock: timeout, and the pool keeps serving.
# status: timeout
# evidence: none
# timeout: 2
import signal


def scaled_dot_product_attention(q, k, v, mask=None):
    signal.setitimer(signal.ITIMER_REAL, 0.00005, 0.00005)
    while True:
        pass
