# attack: read the hidden reference solution and test generator by absolute path, import them as
#         modules, or find them loaded in the zygote's inherited memory (sys.modules).
# contained: the project directory is covered by an empty tmpfs, the zygote never imported
#            evaluators.problems, and the import fails; no reference source appears in the output.
import importlib
import sys

base = "{{PROJECT}}/evaluators/problems/scaled_dot_product_attention"
for name in ("reference.py", "__init__.py", "statement.en.md"):
    attempt(f"read {name}", lambda name=name: open(f"{base}/{name}").read())
attempt("import problems package",
        lambda: importlib.import_module("evaluators.problems.scaled_dot_product_attention"))
attempt("import reference module",
        lambda: importlib.import_module("evaluators.problems.scaled_dot_product_attention.reference"))
loaded = [m for m in sys.modules if m.startswith("evaluators.problems")]
if loaded:
    LEAK(f"hidden modules in memory: {loaded}")
else:
    BLOCKED("no evaluators.problems module in sys.modules")
scaled_dot_product_attention = wrong_answer
