import numpy as np


def greedy_decode(next_logits, prompt, max_new_tokens, eos_id):
    """next_logits(ids: list[int]) -> ndarray (V,) of logits for the next token.

    Append the arg-max token at each step, at most max_new_tokens times; stop right after
    eos_id is generated. Return the generated tokens only (including eos_id if generated).
    """
    raise NotImplementedError
