# attack: kill(-1, SIGKILL) — kill every process the submission may signal — plus SIGKILL to
#         the service, the zygotes and an unrelated host process by their host PIDs, then to PIDs
#         1..400 one by one.
# contained: the child's PID namespace holds only its own processes and its uid owns nothing
#            else; the test checks the service, every zygote and the victim process are alive.
# fork-too: yes
import os
import signal

attempt("kill(-1, SIGKILL)", lambda: os.kill(-1, signal.SIGKILL)
        or (_ for _ in ()).throw(ProcessLookupError("only own namespace affected")))
for pid in [{{SERVICE_PID}}, {{VICTIM_PID}}, *{{ZYGOTE_PIDS}}]:
    attempt(f"kill host pid {pid}", lambda pid=pid: os.kill(pid, signal.SIGKILL))
own = {int(t) for t in os.listdir("/proc/self/task")}  # its own threads answer to their ids
hit = []
for pid in sorted(set(range(2, 400)) - own):
    try:
        os.kill(pid, signal.SIGKILL)
        hit.append(pid)
    except OSError:
        pass
if hit:
    LEAK(f"signalled pids {hit}")
else:
    BLOCKED("no other process could be signalled")
scaled_dot_product_attention = wrong_answer
