# attack: bypass Python's socket module: call libc socket()/connect() and the raw socket syscall
#         number through ctypes.
# contained: seccomp filters system calls, not Python APIs: every call returns -1/EPERM, and the
#            test's TCP listener sees nothing.
# inner-too: yes
import ctypes
import ctypes.util
import struct

libc = ctypes.CDLL("libc.so.6", use_errno=True)
libc.syscall.restype = ctypes.c_long


def via(fn_name, *args):
    result = getattr(libc, fn_name)(*args)
    if result < 0:
        raise OSError(ctypes.get_errno(), f"{fn_name} returned {result}")
    return result


def connect():
    fd = via("socket", 2, 1, 0)
    addr = struct.pack("<H", 2) + struct.pack(">H", {{PORT}}) + bytes([127, 0, 0, 1]) + bytes(8)
    return via("connect", fd, addr, len(addr))


attempt("libc socket+connect", connect)
attempt("syscall(SYS_socket)", lambda: via("syscall", 41, 2, 1, 0))
attempt("syscall(SYS_socket) AF_NETLINK", lambda: via("syscall", 41, 16, 3, 0))
scaled_dot_product_attention = wrong_answer
