# attack: let a child process do the networking: spawn a new Python (and curl/wget if present)
#         that makes an HTTP request to the service's listener.
# contained: children inherit the seccomp filter, namespaces and uid; the child's request fails
#            and the test's TCP listener records no connection.
# fork-too: yes
import subprocess
import sys

script = ("import urllib.request; "
          "print(urllib.request.urlopen('http://127.0.0.1:{{PORT}}/', timeout=2).read())")


def run(argv):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=4)
    if done.returncode != 0:
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()[-150:]}")
    return done.stdout


attempt("python urllib", lambda: run([sys.executable, "-c", script]))
attempt("curl", lambda: run(["curl", "-sS", "-m", "2", "http://127.0.0.1:{{PORT}}/"]))
attempt("wget", lambda: run(["wget", "-q", "-T", "2", "-O-", "http://127.0.0.1:{{PORT}}/"]))
scaled_dot_product_attention = wrong_answer
