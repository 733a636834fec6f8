# attack: reach rarely-used kernel subsystems (classic privilege-escalation surface) directly with
#         syscall(2) through ctypes: bpf, io_uring_setup/enter/register, keyctl/add_key/
#         request_key, perf_event_open, userfaultfd, init_module/finit_module, kexec_load,
#         personality (disable ASLR), memfd_create, swapon, reboot, syslog, open_by_handle_at.
# contained: each returns -1 with EPERM from the seccomp filter, before the kernel code runs.
# inner-too: yes
import ctypes
import errno

libc = ctypes.CDLL("libc.so.6", use_errno=True)
libc.syscall.restype = ctypes.c_long
buf = ctypes.create_string_buffer(256)
CALLS = {  # x86_64 numbers; harmless arguments — only whether the call is reachable matters
    "bpf": (321, 0, buf, 0), "io_uring_setup": (425, 1, buf), "io_uring_enter": (426, 0, 0, 0, 0),
    "io_uring_register": (427, 0, 0, 0, 0), "keyctl": (250, 0, 0, 0, 0),
    "add_key": (248, b"user", b"kaoda", buf, 1, -2), "request_key": (249, b"user", b"k", 0, 0),
    "perf_event_open": (298, buf, 0, -1, -1, 0), "userfaultfd": (323, 0),
    "init_module": (175, buf, 0, b""), "finit_module": (313, -1, b"", 0),
    "kexec_load": (246, 0, 0, 0, 0), "personality": (135, 0x0040000),
    "memfd_create": (319, b"kaoda", 0), "swapon": (167, b"/tmp/x", 0),
    "reboot": (169, 0, 0, 0, 0), "syslog": (103, 3, buf, 255),
    "open_by_handle_at": (304, -100, buf, 0), "pidfd_getfd": (438, 0, 0, 0),
}
for name, (number, *args) in CALLS.items():
    result = libc.syscall(number, *args)
    err = ctypes.get_errno()
    if result >= 0:
        LEAK(f"{name} returned {result}")
    elif err == errno.EPERM:
        BLOCKED(f"{name}: EPERM")
    else:
        LEAK(f"{name} reached the kernel (errno {errno.errorcode.get(err, err)})")
scaled_dot_product_attention = wrong_answer
