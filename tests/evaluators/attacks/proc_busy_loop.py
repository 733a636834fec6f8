# attack: burn CPU forever inside the solution function.
# contained: the wall-clock limit kills the child (SIGKILL to its PID namespace); outcome
#            "timeout", returned shortly after the limit.
# status: timeout
# evidence: none
# timeout: 2
def scaled_dot_product_attention(q, k, v, mask=None):
    while True:
        pass
