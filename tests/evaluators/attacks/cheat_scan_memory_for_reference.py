# attack: search the process's memory (inherited from the zygote) for the hidden reference or the
#         expected outputs: walk gc.get_objects() for the reference function, and search all of
#         its own readable memory in place (libc memmem) for a phrase of the reference's source.
# contained: the zygote never loaded evaluators.problems nor any expected value, so neither the
#            object graph nor raw memory holds them.
# inner-too: yes
import ctypes
import gc

libc = ctypes.CDLL("libc.so.6")
libc.memmem.restype = ctypes.c_void_p
libc.memmem.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t)
# the phrase is written reversed so this file itself does not contain it
needle = b"dksam htiw ))d(trqs / T^k q(xamtfos :ecnerefer 46taolf"[::-1]
own = id(needle) + 32  # where this bytes object keeps its characters (CPython layout)
objects = [o for o in gc.get_objects()
           if getattr(o, "__name__", None) == "reference" or getattr(o, "co_name", "") == "reference"]
print("objects named reference:", len(objects))
with open("/proc/self/maps") as maps:
    lines = [line.split() for line in maps]
hits = []
for parts in lines:
    path = parts[5] if len(parts) > 5 else ""
    if not parts[1].startswith("r") or (path and path not in ("[heap]", "[stack]")
                                        and not parts[1].startswith("rw")):
        continue
    start, end = (int(x, 16) for x in parts[0].split("-"))
    at = start
    while at < end and (hit := libc.memmem(at, end - at, needle, len(needle))):
        if hit != own:
            hits.append(hex(hit))
        at = hit + 1
print("raw hits:", hits)
if objects or hits:
    LEAK(f"reference in memory: objects={len(objects)} raw hits={len(hits)}")
else:
    BLOCKED("no trace of the reference in objects or raw memory")
scaled_dot_product_attention = wrong_answer
