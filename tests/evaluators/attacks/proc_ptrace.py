# attack: ptrace-attach to the zygote, the service and a host process (to read their memory or
#         inject code); PTRACE_TRACEME; and read their memory with process_vm_readv.
# contained: ptrace and process_vm_readv are refused by seccomp, the PIDs are not in the child's
#            namespace, and the uid differs anyway.
# inner-too: yes
import ctypes

libc = ctypes.CDLL("libc.so.6", use_errno=True)
libc.ptrace.restype = ctypes.c_long
libc.syscall.restype = ctypes.c_long
PTRACE_ATTACH, PTRACE_TRACEME, PTRACE_SEIZE = 16, 0, 0x4206


def call(fn, *args):
    result = fn(*args)
    if result < 0:
        raise OSError(ctypes.get_errno(), "refused")
    return result


for pid in [{{SERVICE_PID}}, {{VICTIM_PID}}, *{{ZYGOTE_PIDS}}]:
    attempt(f"PTRACE_ATTACH {pid}", lambda pid=pid: call(libc.ptrace, PTRACE_ATTACH, pid, 0, 0))
    attempt(f"PTRACE_SEIZE {pid}", lambda pid=pid: call(libc.ptrace, PTRACE_SEIZE, pid, 0, 0))
attempt("PTRACE_TRACEME", lambda: call(libc.ptrace, PTRACE_TRACEME, 0, 0, 0))


class IOVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


buf = ctypes.create_string_buffer(64)
local = IOVec(ctypes.cast(buf, ctypes.c_void_p), 64)
remote = IOVec(0x400000, 64)
attempt("process_vm_readv service", lambda: call(
    libc.syscall, 310, {{SERVICE_PID}}, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0))
scaled_dot_product_attention = wrong_answer
