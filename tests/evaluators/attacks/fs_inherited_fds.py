# attack: use file descriptors inherited from the zygote or the service (pipes to the pool, the
#         request pipe, the project directory, the zygote's PID-namespace handle) by probing every
#         fd number.
# contained: only fds 0-3 exist: /dev/null, stdout, stderr and the result pipe; everything else
#            the zygote held was closed before any candidate code ran.
import os
import stat

found = {}
for fd in range(0, 1024):
    try:
        st = os.fstat(fd)
    except OSError:
        continue
    kind = "fifo" if stat.S_ISFIFO(st.st_mode) else "chr" if stat.S_ISCHR(st.st_mode) else \
        "dir" if stat.S_ISDIR(st.st_mode) else "file" if stat.S_ISREG(st.st_mode) else "other"
    found[fd] = kind
print("open fds:", found)
if found == {0: "chr", 1: "fifo", 2: "fifo", 3: "fifo"}:
    BLOCKED("only stdin(/dev/null), stdout, stderr and the result pipe are open")
else:
    LEAK(f"unexpected descriptors: {found}")
attempt("read from stdin", lambda: os.read(0, 10) or (_ for _ in ()).throw(EOFError("stdin empty")))
scaled_dot_product_attention = wrong_answer
