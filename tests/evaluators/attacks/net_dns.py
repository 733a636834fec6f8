# attack: resolve host names (DNS over UDP/TCP via getaddrinfo, and the resolver's files).
# contained: name resolution fails for external names; no DNS packet can leave (no sockets).
import socket

attempt("getaddrinfo example.com", lambda: socket.getaddrinfo("example.com", 80))
attempt("gethostbyname pypi.org", lambda: socket.gethostbyname("pypi.org"))
scaled_dot_product_attention = wrong_answer
