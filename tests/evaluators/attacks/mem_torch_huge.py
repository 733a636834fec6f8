# attack: ask torch for an enormous tensor (1 TiB) and a merely huge one (8 GiB) inside the
#         solution function, touching the pages.
# contained: torch's allocator fails under RLIMIT_AS ("can't allocate memory"); the outcome is
#            "memory_limit" and the pool keeps working.
# status: memory_limit
# evidence: none
# memory: 512
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    try:
        torch.empty(1 << 40, dtype=torch.uint8)
    except RuntimeError as exc:
        print("1 TiB refused:", str(exc)[:80])
    big = torch.ones(1 << 31, dtype=torch.float32)
    return big, big
