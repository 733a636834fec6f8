# attack: daemonize — double fork, setsid, ignore SIGHUP/SIGTERM, and keep a grandchild alive
#         after the submission returns, to keep computing or to snoop on later submissions.
# contained: new processes are refused by the seccomp filter (fork EPERM); and where fork is
#            allowed, the submission is PID 1 of its PID namespace, whose exit kills every process
#            in it. Either way the test finds no process with a slot uid after the run.
# fork-too: yes
import os
import signal
import time


def daemonize():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            while True:
                time.sleep(0.05)
        os._exit(0)
    time.sleep(0.2)


try:
    daemonize()
    BLOCKED("daemon started; the test checks it is gone after the run")
except OSError as exc:
    BLOCKED(f"fork refused: {exc}")
scaled_dot_product_attention = wrong_answer
