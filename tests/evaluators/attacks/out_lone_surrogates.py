# attack: break the service's JSON with text no UTF-8 encoder accepts: lone surrogates
#         ("\ud800") in the returned values, in an exception message and in stdout.
# contained: the trusted side replaces lone surrogates with U+FFFD wherever the child's text is
#            decoded, so the grade and its messages always encode; the test fails normally.
# evidence: none
import sys


class Odd(Exception):
    pass


calls = [0]


def scaled_dot_product_attention(q, k, v, mask=None):
    calls[0] += 1
    sys.stdout.write("text \ud800 and \udfff\n".encode("utf-8", "surrogatepass")
                     .decode("utf-8", "replace"))
    if calls[0] % 2:
        raise Odd("bad \ud800 message \udcff")
    return "\ud800" * 10, {"\udfff": ["\ud834"]}
