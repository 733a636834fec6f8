# attack: arrange to outlive the zygote: clear the parent-death signal (prctl PR_SET_PDEATHSIG 0),
#         make itself dumpable/traceable again, and raise its own resource limits back up.
# contained: PR_SET_PDEATHSIG is refused by seccomp; hard rlimits cannot be raised by an
#            unprivileged process.
# inner-too: yes
import ctypes
import resource

libc = ctypes.CDLL("libc.so.6", use_errno=True)


def prctl(option, value):
    if libc.prctl(option, value, 0, 0, 0) < 0:
        raise OSError(ctypes.get_errno(), "prctl refused")
    return "ok"


attempt("PR_SET_PDEATHSIG 0", lambda: prctl(1, 0))
for name in ("RLIMIT_NPROC", "RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_NOFILE", "RLIMIT_FSIZE"):
    limit = getattr(resource, name)
    soft, hard = resource.getrlimit(limit)
    attempt(f"raise {name} above {hard}", lambda limit=limit, hard=hard:
            resource.setrlimit(limit, (resource.RLIM_INFINITY, resource.RLIM_INFINITY)))
scaled_dot_product_attention = wrong_answer
