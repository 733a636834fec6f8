# attack: read environment variables (API keys, the service's secrets) from os.environ,
#         /proc/self/environ, /proc/1/environ, /proc/<service pid>/environ, /proc/<zygote>/environ
#         and every /proc/*/environ it can find.
# contained: the zygote was started with an explicit minimal environment, and the child's /proc
#            only shows its own PID namespace; the service's canary secret never appears in any
#            output (the test greps stdout, stderr and every message for it).
import os

print("os.environ:", dict(os.environ))
for pid in ["self", "1", "{{SERVICE_PID}}", *[str(p) for p in {{ZYGOTE_PIDS}}]]:
    path = f"/proc/{pid}/environ"
    try:
        print(path, "=>", open(path, "rb").read().replace(b"\0", b" ").decode())
    except OSError as exc:
        print(path, "unreadable:", exc)
for entry in os.listdir("/proc"):
    if entry.isdigit():
        try:
            print(entry, open(f"/proc/{entry}/environ", "rb").read()[:4000])
        except OSError:
            pass
if any(k.startswith("KAODA") for k in os.environ):
    LEAK("KAODA_* variable visible")
else:
    BLOCKED("no KAODA_* variable in the environment")
attempt("read service environ", lambda: open("/proc/{{SERVICE_PID}}/environ", "rb").read())
scaled_dot_product_attention = wrong_answer
