# attack: run code on every line and call of the harness: install a trace or profile function
#         (sys.settrace, sys.setprofile, a second cProfile), take over the harness's own profiler
#         object from sys.getprofile(), and use threading.settrace for new threads.
# contained: settrace/setprofile are refused by the audit guard (so is a second profiler) and
#            sys.getprofile no longer hands out the harness's profiler.
import cProfile
import sys
import threading


def tracer(frame, event, arg):
    print("LEAK: traced", frame.f_code.co_name)
    return tracer


def take_profiler():
    current = sys.getprofile()
    if current is None:
        raise LookupError("sys.getprofile() gives nothing")
    current.disable()
    return current


def scaled_dot_product_attention(q, k, v, mask=None):
    attempt("sys.settrace", lambda: sys.settrace(tracer))
    attempt("sys.setprofile", lambda: sys.setprofile(tracer))
    attempt("a second cProfile", lambda: cProfile.Profile().enable())
    attempt("the harness's profiler", take_profiler)
    attempt("threading.settrace + a thread", lambda: (threading.settrace(tracer),
                                                       threading.Thread(target=len).start()))
    return wrong_answer(q, k, v, mask)
