# attack: survive the usual ways of being stopped: ignore SIGTERM, SIGINT, SIGHUP, SIGALRM,
#         SIGXCPU, SIGUSR1 and then loop forever (catching KeyboardInterrupt/SystemExit too).
# contained: the sandbox uses SIGKILL, which cannot be ignored; outcome "timeout".
# status: timeout
# evidence: none
# timeout: 2
import signal

for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGALRM", "SIGXCPU", "SIGUSR1", "SIGVTALRM"):
    try:  # refused anyway: candidate code never runs on the main thread
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    except ValueError:
        pass
while True:
    try:
        while True:
            pass
    except BaseException:  # noqa: BLE001
        continue
