# attack: become root again: setuid(0)/setresuid/setgid(0)/setgroups, run setuid-root binaries
#         (su, sudo, passwd, mount), and check for leftover capabilities.
# contained: the child dropped to its slot uid with an empty capability bounding set and
#            no-new-privs; credential calls are refused, setuid bits are ignored (and the tree is
#            mounted nosuid), and the effective capability set is empty.
# fork-too: yes
import os
import subprocess

attempt("setuid(0)", lambda: os.setuid(0))
attempt("setresuid(0,0,0)", lambda: os.setresuid(0, 0, 0))
attempt("setgid(0)", lambda: os.setgid(0))
attempt("setgroups([0])", lambda: os.setgroups([0]))


def run_root(argv):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=3, stdin=subprocess.DEVNULL)
    if "uid=0" not in done.stdout:
        raise PermissionError(f"{argv[0]}: exit {done.returncode} {done.stderr.strip()[-120:]}")
    return done.stdout


for argv in (["sudo", "-n", "id"], ["su", "-c", "id"], ["/usr/bin/newgrp", "root"]):
    attempt(" ".join(argv), lambda argv=argv: run_root(argv))
status = open("/proc/self/status").read()
caps = {line.split(":")[0]: line.split()[1] for line in status.splitlines() if line.startswith("Cap")}
print("uid", os.getuid(), os.geteuid(), "caps", caps)
if os.getuid() == 0 or os.geteuid() == 0 or caps["CapEff"] != "0000000000000000" or \
        caps["CapBnd"] != "0000000000000000":
    LEAK(f"privileged: uid={os.getuid()} caps={caps}")
else:
    BLOCKED("unprivileged, no capabilities at all")
scaled_dot_product_attention = wrong_answer
