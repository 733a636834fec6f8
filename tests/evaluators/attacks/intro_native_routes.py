# attack: leave Python for native code that no Python-level check watches: ctypes (libc, the
#         interpreter's own C API), the _testcapi and _xxsubinterpreters modules, torch's
#         frame-evaluation hook (torch._C._dynamo.eval_frame.set_eval_frame, which receives every
#         frame), and rewriting the process's memory through /proc/self/mem.
# contained: ctypes and those modules are refused by the audit guard, the frame hook is neutered
#            in the zygote, /proc/self/mem is not writable by the slot user.
import ctypes

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    attempt("ctypes.CDLL", lambda: ctypes.CDLL(None).getpid())
    attempt("ctypes.pythonapi", lambda: ctypes.pythonapi.Py_IncRef)
    attempt("ctypes.string_at", lambda: ctypes.string_at(id(q), 8))
    attempt("import _testcapi", lambda: __import__("_testcapi"))
    attempt("import _xxsubinterpreters", lambda: __import__("_xxsubinterpreters"))
    attempt("torch eval-frame hook",
            lambda: torch._C._dynamo.eval_frame.set_eval_frame(lambda *a: None))
    attempt("torch.compile", lambda: torch.compile(lambda x: x + 1)(q))
    attempt("open /proc/self/mem for writing", lambda: open("/proc/self/mem", "r+b"))
    return wrong_answer(q, k, v, mask)
