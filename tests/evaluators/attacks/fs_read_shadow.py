# attack: read password hashes and host keys: /etc/shadow, /etc/gshadow, /etc/ssh/*_key,
#         /root/.ssh, /root/.bash_history.
# contained: every read fails (the slot uid is not root and has no groups; /root and /etc/ssh are
#            covered by empty read-only tmpfs); nothing of their contents reaches the output.
import glob

for path in ("/etc/shadow", "/etc/gshadow", "/root/.ssh/id_rsa", "/root/.bash_history",
             "/root/.python_history"):
    attempt(f"read {path}", lambda path=path: open(path).read())
attempt("ssh host keys", lambda: [open(p).read() for p in glob.glob("/etc/ssh/ssh_host_*_key")]
        or (_ for _ in ()).throw(FileNotFoundError("no host keys visible")))
scaled_dot_product_attention = wrong_answer
