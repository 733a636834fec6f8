# attack: inspect the service and the zygote through /proc: list all processes, read the
#         service's cmdline/maps/mem/fds, walk /proc/<pid>/root and /cwd into their filesystem.
# contained: the child has its own PID namespace and its own /proc: only PID 1 (itself) exists,
#            so none of the host's processes can be opened.
import os

pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
print("visible pids:", pids)
if pids != [1]:
    LEAK(f"other processes visible: {pids}")
else:
    BLOCKED("only PID 1 (this submission) is visible")
for pid in ["{{SERVICE_PID}}", *[str(p) for p in {{ZYGOTE_PIDS}}], "{{VICTIM_PID}}"]:
    for item in ("cmdline", "maps", "status"):
        attempt(f"read /proc/{pid}/{item}", lambda pid=pid, item=item:
                open(f"/proc/{pid}/{item}", "rb").read()[:200])
    attempt(f"list /proc/{pid}/root", lambda pid=pid: os.listdir(f"/proc/{pid}/root"))
    attempt(f"list /proc/{pid}/cwd", lambda pid=pid: os.listdir(f"/proc/{pid}/cwd"))
    attempt(f"list /proc/{pid}/fd", lambda pid=pid: os.listdir(f"/proc/{pid}/fd"))
scaled_dot_product_attention = wrong_answer
