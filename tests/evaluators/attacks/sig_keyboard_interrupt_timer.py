# attack: escape the harness's exception handling with asynchronous interrupts: a timer that
#         raises KeyboardInterrupt every 50 microseconds, _thread.interrupt_main() in a loop, an
#         atexit callback and a finalizer that would run after the harness is done (printing a
#         leak if they ever do).
# contained: candidate code runs on the harness thread, never the main one: signal handlers
#            cannot be installed there (ValueError), interrupt_main reaches only the parked main
#            thread, and the process ends with os._exit, so no atexit callback runs.
import _thread
import atexit
import signal


class Finalizer:
    def __del__(self):
        print("finalizer ran (harmless: inside a candidate phase)", flush=True)


def kbi(signum, frame):
    raise KeyboardInterrupt


atexit.register(lambda: print("LEAK: atexit callback ran in the child", flush=True))
attempt("SIGALRM handler", lambda: signal.signal(signal.SIGALRM, kbi))
attempt("SIGVTALRM handler", lambda: signal.signal(signal.SIGVTALRM, kbi))
for _ in range(1000):
    _thread.interrupt_main()
keep = Finalizer()


def scaled_dot_product_attention(q, k, v, mask=None):
    for _ in range(100):
        _thread.interrupt_main()
    return wrong_answer(q, k, v, mask)
