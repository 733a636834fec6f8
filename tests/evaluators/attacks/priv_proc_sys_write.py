# attack: reconfigure the host kernel through /proc/sys and friends: hostname, core_pattern (code
#         execution as root on the host), drop_caches, sysrq-trigger, the OOM score of PID 1.
# contained: the child is unprivileged in its own namespaces; every write fails and the host's
#            hostname and core_pattern are unchanged (the test compares them).
import os

for path, value in (("/proc/sys/kernel/hostname", "kaoda-attack"),
                    ("/proc/sys/kernel/core_pattern", "|/tmp/kaoda-attack-core"),
                    ("/proc/sys/vm/drop_caches", "3"), ("/proc/sysrq-trigger", "b"),
                    ("/proc/1/oom_score_adj", "-1000"), ("/sys/kernel/mm/ksm/run", "1")):
    attempt(f"write {path}", lambda path=path, value=value: open(path, "w").write(value))
attempt("sethostname", lambda: os.system("hostname kaoda-attack") == 0
        or (_ for _ in ()).throw(PermissionError("hostname command failed")))
scaled_dot_product_attention = wrong_answer
