# attack: raise BaseException subclasses the harness might not expect (KeyboardInterrupt,
#         GeneratorExit, SystemExit, a custom BaseException) from inside the solution function.
# contained: each case reports the error; the run completes; nothing passes.
# status: failed
# evidence: none
calls = []


class Escape(BaseException):
    pass


def scaled_dot_product_attention(q, k, v, mask=None):
    calls.append(1)
    raise (KeyboardInterrupt, GeneratorExit, SystemExit, Escape)[len(calls) % 4]("kaoda-attack")
