# expect: stop right after generating eos_id
# Never checks for eos: always generates max_new_tokens tokens.
import numpy as np


def greedy_decode(next_logits, prompt, max_new_tokens, eos_id):
    out = []
    for _ in range(max_new_tokens):
        out.append(int(np.argmax(next_logits(prompt + out))))
    return out
