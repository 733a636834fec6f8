# attack: write outside the private scratch space: /root, /etc, /usr, /var/tmp, /run/lock, /home,
#         /dev, and the real /tmp's parent filesystem.
# contained: the whole tree is read-only for the child (and owned by root); only the private /tmp
#            and /dev/shm are writable. The test checks no kaoda-attack file appeared on the host.
import os

for path in ("/root/kaoda-attack", "/etc/kaoda-attack", "/usr/kaoda-attack",
             "/var/tmp/kaoda-attack", "/run/lock/kaoda-attack", "/home/kaoda-attack",
             "/dev/kaoda-attack", "/kaoda-attack", "/etc/passwd"):
    attempt(f"write {path}", lambda path=path: open(path, "a").write("kaoda-attack\n"))
attempt("mkdir /var/tmp/kaoda-attack-dir", lambda: os.mkdir("/var/tmp/kaoda-attack-dir"))
attempt("chmod /tmp to 0777 on host", lambda: os.chmod("/etc/hostname", 0o777))
scaled_dot_product_attention = wrong_answer
