# attack: become a server: bind and listen on a TCP port (0.0.0.0:8080 and an ephemeral port), or
#         a Unix socket in /tmp, for something to connect back to.
# contained: socket/bind/listen are refused by seccomp; there is no interface to listen on anyway.
import socket


def serve(family, address):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.bind(address)
    s.listen(1)
    return s.getsockname()


attempt("listen 0.0.0.0:8080", lambda: serve(socket.AF_INET, ("0.0.0.0", 8080)))
attempt("listen 127.0.0.1:0", lambda: serve(socket.AF_INET, ("127.0.0.1", 0)))
attempt("listen unix /tmp/kaoda-attack.sock", lambda: serve(socket.AF_UNIX, "/tmp/kaoda-attack.sock"))
scaled_dot_product_attention = wrong_answer
