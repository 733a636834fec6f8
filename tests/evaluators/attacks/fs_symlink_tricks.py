# attack: plant symlinks and hard links in the private /tmp pointing at host files (shadow, the
#         hidden reference, the service's environ, the canary file) and read through them; also
#         escape via /proc/self/root and /proc/self/cwd.
# contained: links resolve inside the child's own mount namespace, where those files are absent or
#            unreadable; hard links to files on other filesystems fail (EXDEV/EPERM).
import os

targets = {
    "shadow": "/etc/shadow",
    "reference": "{{PROJECT}}/evaluators/problems/scaled_dot_product_attention/reference.py",
    "environ": "/proc/{{SERVICE_PID}}/environ",
    "canary": "{{CANARY_FILE}}",
}
for name, target in targets.items():
    link = f"/tmp/kaoda-attack-link-{name}"
    os.symlink(target, link)
    attempt(f"read via symlink to {target}", lambda link=link: open(link, "rb").read())
    attempt(f"hard link to {target}", lambda name=name, target=target:
            os.link(target, f"/tmp/kaoda-attack-hard-{name}"))
attempt("via /proc/self/root", lambda: open(
    "/proc/self/root{{PROJECT}}/evaluators/problems/scaled_dot_product_attention/reference.py").read())
attempt("symlink dir into project", lambda: (os.symlink("{{PROJECT}}", "/tmp/kaoda-attack-p"),
                                             os.listdir("/tmp/kaoda-attack-p/evaluators"))[1])
scaled_dot_product_attention = wrong_answer
