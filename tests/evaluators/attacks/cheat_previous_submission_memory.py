# attack: recover an earlier submission (another candidate's code) from memory inherited through
#         the zygote: each run embeds a secret in its source, and every later run searches all of
#         its own readable memory in place (libc memmem over the regions in /proc/self/maps) for
#         the secrets of the runs before it. Runs 4 times so each of the two workers serves at
#         least two of them.
# contained: the zygote never parses requests, copies them straight into the child's pipe from a
#            buffer it wipes before forking the next child; no secret of an earlier run is found.
# runs: 4
# inner-too: yes
import ctypes

SECRET = "KAODA-PREVIOUS-{{MARKER}}-{{RUN}}"  # what later runs look for
libc = ctypes.CDLL("libc.so.6")
libc.memmem.restype = ctypes.c_void_p
libc.memmem.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t)


def regions():
    """Anonymous, heap, stack and written-to library memory: where data of a request could be."""
    with open("/proc/self/maps") as maps:
        lines = [line.split() for line in maps]
    for parts in lines:
        path = parts[5] if len(parts) > 5 else ""
        if parts[1].startswith("r") and (not path or path in ("[heap]", "[stack]")
                                         or parts[1].startswith("rw")):
            start, end = (int(x, 16) for x in parts[0].split("-"))
            yield start, end


def find_all(needle, skip):
    """Addresses of needle in memory, searched in place (no copies that could match later)."""
    found = []
    for start, end in regions():
        at = start
        while at < end and (hit := libc.memmem(at, end - at, needle, len(needle))):
            if hit != skip:
                found.append(hex(hit))
            at = hit + 1
    return found


hits = {}
for earlier in range(1, {{RUN}}):
    # built at run time, so this source does not contain it; its own bytes are skipped
    needle = b"".join([b"KAODA-PREVIOUS-", b"{{MARKER}}", b"-", str(earlier).encode()])
    if found := find_all(needle, id(needle) + 32):
        hits[earlier] = found
if hits:
    LEAK(f"run {{RUN}} found earlier submissions' secrets: {hits}")
else:
    BLOCKED(f"run {{RUN}}: no secret of runs 1..{int('{{RUN}}') - 1} in memory")
scaled_dot_product_attention = wrong_answer
