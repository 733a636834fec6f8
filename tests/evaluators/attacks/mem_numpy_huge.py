# attack: allocate and fill a huge numpy array (4 GiB) and grow a list of arrays inside the
#         solution function.
# contained: MemoryError under RLIMIT_AS; the outcome is "memory_limit".
# status: memory_limit
# evidence: none
# memory: 512
import numpy as np


def scaled_dot_product_attention(q, k, v, mask=None):
    arrays = [np.ones((1 << 29,), dtype=np.float64)]
    return arrays, arrays
