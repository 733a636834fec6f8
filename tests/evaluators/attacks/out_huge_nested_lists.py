# attack: exhaust the service's memory through the result: return about 60 MB of nested Python
#         lists (a JSON text that decodes to tens of millions of objects on the trusted side),
#         under the raw result cap.
# contained: the exporter sends lists of numbers as arrays and refuses a result whose structure
#            is over the limits (1 MiB of JSON, 4096 arrays); the service reads at most 1 MiB of
#            JSON per result and maps arrays without copying: the tests fail with a clear
#            message and the service's memory stays bounded.
# evidence: none
# timeout: 30
# test-detail: too large
ROWS = [[[float(i)] * 64 for i in range(8)] for _ in range(15_000)]
EMPTY = [[[]] * 100] * 10_000


def scaled_dot_product_attention(q, k, v, mask=None):
    return ROWS, EMPTY
