# attack: connect to a Unix-domain socket the service created (by its host path in /tmp, and via
#         the abstract namespace), e.g. to talk to a local daemon.
# contained: the path is not visible (private /tmp) and socket(AF_UNIX) is refused anyway; the
#            test's Unix listener accepts no connection.
import socket


def connect(address):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(address)
    return s.send(b"kaoda-attack")


attempt("unix connect {{UNIX_SOCKET}}", lambda: connect("{{UNIX_SOCKET}}"))
attempt("unix connect abstract", lambda: connect("\0kaoda-attack-abstract"))
attempt("unix stat {{UNIX_SOCKET}}", lambda: __import__("os").stat("{{UNIX_SOCKET}}"))
scaled_dot_product_attention = wrong_answer
