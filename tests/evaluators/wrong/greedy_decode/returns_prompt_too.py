# expect: not the prompt
# Returns the whole sequence, prompt included.
import numpy as np


def greedy_decode(next_logits, prompt, max_new_tokens, eos_id):
    seq = list(prompt)
    for _ in range(max_new_tokens):
        t = int(np.argmax(next_logits(seq)))
        seq.append(t)
        if t == eos_id:
            break
    return seq
