# attack: undo the filesystem view: mount a new tmpfs or proc, remount / read-write, unmount the
#         tmpfs hiding the project, bind-mount a host directory, chroot/pivot_root.
# contained: every mount-family call and chroot is refused by seccomp (and needs capabilities the
#            child does not have).
# inner-too: yes
import ctypes
import os

libc = ctypes.CDLL("libc.so.6", use_errno=True)
MS_REMOUNT, MS_BIND = 32, 4096


def call(fn, *args):
    if fn(*args) < 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return "succeeded"


attempt("mount tmpfs", lambda: call(libc.mount, b"none", b"/tmp", b"tmpfs", 0, None))
attempt("remount / rw", lambda: call(libc.mount, None, b"/", None, MS_REMOUNT, None))
attempt("umount project cover", lambda: call(libc.umount2, b"{{PROJECT}}", 2))
attempt("bind project", lambda: call(libc.mount, b"/", b"/tmp", None, MS_BIND, None))
attempt("mount proc", lambda: call(libc.mount, b"proc", b"/tmp", b"proc", 0, None))
attempt("chroot /tmp", lambda: os.chroot("/tmp"))
scaled_dot_product_attention = wrong_answer
