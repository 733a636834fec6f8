# attack: modify a world-writable file the service keeps in the host's /tmp (mode 0666).
# contained: the child's /tmp is a fresh private tmpfs, so the host file is not even visible; the
#            test checks its content and mtime are unchanged.
import os

attempt("stat canary", lambda: os.stat("{{CANARY_FILE}}"))
attempt("overwrite canary", lambda: open("{{CANARY_FILE}}", "r+").write("kaoda-attack"))
print("private /tmp holds:", sorted(os.listdir("/tmp")))
scaled_dot_product_attention = wrong_answer
