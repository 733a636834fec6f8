# attack: allocate memory without bound (Python objects and anonymous mmap) to push the host
#         into swapping or the OOM killer.
# contained: RLIMIT_AS caps the child's address space at its size when forked plus the problem's
#            memory_mb; allocation fails with MemoryError and the run is reported as
#            "memory_limit" — the host and the pool are unaffected.
# status: memory_limit
# evidence: none
# detail: MemoryError
# memory: 512
# fork-too: yes
blocks = []
while True:
    blocks.append(bytearray(32 << 20))
