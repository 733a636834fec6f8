# attack: send UDP datagrams to a UDP listener the service opened on 127.0.0.1, and to 8.8.8.8.
# contained: socket(AF_INET, SOCK_DGRAM) is refused; the test's UDP listener receives nothing.
import socket


def send(host, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    return s.sendto(b"kaoda-attack udp", (host, port))


attempt("udp to 127.0.0.1:{{UDP_PORT}}", lambda: send("127.0.0.1", {{UDP_PORT}}))
attempt("udp to 8.8.8.8:53", lambda: send("8.8.8.8", 53))
scaled_dot_product_attention = wrong_answer
