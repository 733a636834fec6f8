# attack: open a TCP connection to a listener the service opened on 127.0.0.1 (from inside the
#         solution function, as the grader calls it), and send it data.
# contained: socket() is refused by seccomp (and the child's network namespace has no interfaces);
#            the test's listener records no connection at all.
import socket

DONE = []


def scaled_dot_product_attention(q, k, v, mask=None):
    if not DONE:
        DONE.append(1)
        attempt("tcp connect 127.0.0.1:{{PORT}}",
                lambda: socket.create_connection(("127.0.0.1", {{PORT}}), timeout=1).send(b"hi"))
        attempt("tcp connect localhost:{{PORT}}",
                lambda: socket.create_connection(("localhost", {{PORT}}), timeout=1))
    return wrong_answer(q, k, v, mask)
