# attack: fork bomb — every process forks forever, exhausting the host's process table.
# contained: fork is refused by the seccomp filter (where it is allowed, RLIMIT_NPROC stops the
#            growth and the PID namespace dies with the submission); the loop runs into the time
#            limit, no process of the slot uid remains and the pool keeps serving.
# status: timeout
# evidence: none
# timeout: 2
# fork-too: yes
import os

while True:
    try:
        os.fork()
    except OSError:
        pass
