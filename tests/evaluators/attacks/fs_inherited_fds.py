# attack: use file descriptors inherited from the zygote or the service (pipes to the pool, the
#         project directory, the zygote's PID-namespace handle) by probing every fd number, and
#         read the request pipe ahead of the harness to see the next test's inputs early.
# contained: only fds 0-4 exist: /dev/null, stdout, stderr, the result pipe and the request
#            pipe; everything else the zygote held was closed before any candidate code ran. The
#            request pipe holds nothing while the candidate runs: the next test's inputs are only
#            sent after this test's result has been received.
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
if found == {0: "chr", 1: "fifo", 2: "fifo", 3: "fifo", 4: "fifo"}:
    BLOCKED("only stdin(/dev/null), stdout, stderr, the result and the request pipes are open")
else:
    LEAK(f"unexpected descriptors: {found}")
attempt("read from stdin", lambda: os.read(0, 10) or (_ for _ in ()).throw(EOFError("stdin empty")))


def peek_next_inputs():
    os.set_blocking(4, False)
    try:
        return os.read(4, 1 << 16)
    finally:
        os.set_blocking(4, True)


attempt("read the next test's inputs early", peek_next_inputs)
scaled_dot_product_attention = wrong_answer
