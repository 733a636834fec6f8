# attack: open raw/packet/netlink sockets (sniffing, crafting packets, configuring interfaces), and
#         socketpair() with a non-Unix family (kernel protocol modules).
# contained: all refused with EPERM by the seccomp filter; socketpair(AF_UNIX), which reaches
#            nothing outside the process, is the only socket-like object that can be made.
import socket

attempt("AF_NETLINK route", lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0))
attempt("AF_PACKET raw", lambda: socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0))
attempt("AF_INET raw icmp", lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, 1))
attempt("AF_INET6 tcp", lambda: socket.socket(socket.AF_INET6, socket.SOCK_STREAM))
attempt("socketpair AF_INET", lambda: socket.socketpair(socket.AF_INET))
scaled_dot_product_attention = wrong_answer
