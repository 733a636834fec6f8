# attack: get a second thread (to change the harness's state while it exports, or to run
#         forbidden operators where a per-thread observer cannot see them): threading.Thread,
#         _thread.start_new_thread, a thread pool, and a *fresh* copy of the _thread module built
#         with importlib (its start_new_thread would be the real one again).
# contained: every way to start a thread is refused, the fresh built-in module cannot be
#            created, and the harness counts threads after every call anyway.
import _thread
import concurrent.futures
import importlib.util
import threading


def fresh_thread_module():
    module = importlib.util.module_from_spec(importlib.util.find_spec("_thread"))
    return module.start_new_thread(print, ("LEAK: a thread from a fresh _thread",))


def scaled_dot_product_attention(q, k, v, mask=None):
    attempt("threading.Thread", lambda: threading.Thread(target=len, args=((),)).start())
    attempt("_thread.start_new_thread", lambda: _thread.start_new_thread(len, ((),)))
    attempt("ThreadPoolExecutor", lambda: concurrent.futures.ThreadPoolExecutor(2).submit(len, ()))
    attempt("a fresh _thread module", fresh_thread_module)
    return wrong_answer(q, k, v, mask)
