# attack: drop to a shell and use ordinary tools: id, cat /etc/shadow, ls the project, env, ps,
#         ip addr — whatever the process itself may not do directly, maybe a binary can.
# contained: starting a process is refused by the seccomp filter; where it is allowed, the shell
#            inherits the uid, namespaces, filesystem view and filter and sees the same nothing
#            (no project files, no other processes, no network).
# fork-too: yes
import subprocess

script = ("id; cat /etc/shadow; ls -A {{PROJECT}}; env; ls /proc | grep -E '^[0-9]+$' | wc -l; "
          "cat /proc/net/dev | tail -n +3; cat /proc/{{SERVICE_PID}}/environ")
try:
    done = subprocess.run(["/bin/sh", "-c", script], capture_output=True, text=True, timeout=5)
except OSError as exc:
    BLOCKED(f"cannot start a shell: {exc}")
    done = subprocess.CompletedProcess([], 1, "", "")
print(done.stdout)
print(done.stderr)
lines = done.stdout.split("\n")
if "uid=0" in done.stdout or "root:" in done.stdout or "pyproject.toml" in done.stdout:
    LEAK("shell saw more than it should")
elif done.stdout:
    BLOCKED("shell ran unprivileged, saw no shadow file and no project files")
interfaces = [line.split(":")[0].strip() for line in done.stdout.splitlines() if ":" in line
              and line.split(":")[0].strip() in ("eth0", "ens3", "enp0s3", "wlan0", "docker0")]
if interfaces:
    LEAK(f"network interfaces visible: {interfaces}")
scaled_dot_product_attention = wrong_answer
