# attack: tamper with the service: overwrite the grader/comparator source, drop a .pth file into
#         site-packages, write a marker into the repository.
# contained: the repository is hidden behind a read-only tmpfs and the venv is a read-only bind
#            mount; the test checks afterwards that no marker file exists on the host and the
#            grader source is unchanged.
import os
import site

attempt("write repo marker", lambda: open("{{PROJECT}}/kaoda-attack-marker", "w").write("x"))
attempt("append to compare.py",
        lambda: open("{{PROJECT}}/evaluators/compare.py", "a").write("\n# kaoda-attack\n"))
for sp in site.getsitepackages():
    attempt(f"drop .pth in {sp}", lambda sp=sp: open(f"{sp}/kaoda-attack.pth", "w").write("x"))
attempt("replace numpy/__init__.py",
        lambda: open(os.path.join(os.path.dirname(__import__("numpy").__file__),
                                  "kaoda-attack.py"), "w").write("x"))
scaled_dot_product_attention = wrong_answer
