# attack: reach the outside world over TCP (public IPs, ports 80/443/53) at import time.
# contained: every attempt fails (seccomp EPERM on socket(); no route in the empty network
#            namespace); nothing is sent anywhere.
import socket

for host, port in (("1.1.1.1", 80), ("8.8.8.8", 53), ("93.184.216.34", 443), ("10.0.0.1", 22)):
    attempt(f"tcp connect {host}:{port}",
            lambda host=host, port=port: socket.create_connection((host, port), timeout=1))

scaled_dot_product_attention = wrong_answer
