# attack: leave state in kernel IPC objects that outlive a process: SysV shared memory / message
#         queues / semaphores and POSIX message queues, created by one run and looked up by the
#         next (fixed keys).
# contained: the IPC calls are refused by seccomp (and each child has its own IPC namespace), so
#            nothing can be created, and later runs find nothing.
# runs: 3
# inner-too: yes
import ctypes

libc = ctypes.CDLL("libc.so.6", use_errno=True)
IPC_CREAT = 0o1000
KEY = 0x4B414F44


def call(name, *args):
    result = getattr(libc, name)(*args)
    if result < 0:
        raise OSError(ctypes.get_errno(), f"{name} failed")
    return result


attempt("find shm from earlier run", lambda: call("shmget", KEY, 0, 0o666))
attempt("shmget create", lambda: call("shmget", KEY, 4096, IPC_CREAT | 0o666))
attempt("msgget create", lambda: call("msgget", KEY, IPC_CREAT | 0o666))
attempt("semget create", lambda: call("semget", KEY, 1, IPC_CREAT | 0o666))
attempt("mq_open create", lambda: call("mq_open", b"/kaoda-attack", 0o100 | 2, 0o666, None))
scaled_dot_product_attention = wrong_answer
