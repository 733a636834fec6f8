# attack: create a user namespace (to become "root" inside it and reach more kernel code), or new
#         mount/net/pid namespaces, via unshare(2), clone(2) flags, the unshare binary and setns.
# contained: unshare, setns and clone with any namespace flag are refused by seccomp (clone3
#            reports ENOSYS); the child stays in its namespaces.
# inner-too: yes
import ctypes
import os
import subprocess

libc = ctypes.CDLL("libc.so.6", use_errno=True)
libc.syscall.restype = ctypes.c_long
CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWNET, SIGCHLD = 0x10000000, 0x20000, 0x40000000, 17


def call(fn, *args):
    result = fn(*args)
    if result < 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    if result == 0 and fn is libc.syscall and args[0] == 56:
        os._exit(0)  # in the clone child
    return result


attempt("unshare(CLONE_NEWUSER)", lambda: call(libc.unshare, CLONE_NEWUSER))
attempt("unshare(CLONE_NEWNS|CLONE_NEWNET)", lambda: call(libc.unshare, CLONE_NEWNS | CLONE_NEWNET))
attempt("clone(CLONE_NEWUSER)", lambda: call(libc.syscall, 56, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0))
attempt("clone3", lambda: call(libc.syscall, 435, 0, 0))
attempt("setns(/proc/1/ns/user)", lambda: call(libc.setns, os.open("/proc/1/ns/user", os.O_RDONLY), 0))


def unshare_binary():
    done = subprocess.run(["unshare", "-Ur", "id"], capture_output=True, text=True, timeout=3)
    if done.returncode:
        raise PermissionError(done.stderr.strip()[-150:])
    return done.stdout


attempt("unshare -Ur", unshare_binary)
scaled_dot_product_attention = wrong_answer
