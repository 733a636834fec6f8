# expect: keep eos_id in the result
# Breaks before appending the eos token.
import numpy as np


def greedy_decode(next_logits, prompt, max_new_tokens, eos_id):
    out = []
    for _ in range(max_new_tokens):
        t = int(np.argmax(next_logits(prompt + out)))
        if t == eos_id:
            break
        out.append(t)
    return out
