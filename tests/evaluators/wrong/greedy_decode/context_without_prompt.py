# expect: prompt followed by everything generated
# Feeds only the generated tokens to the model (the prompt is used just for the first step).
import numpy as np


def greedy_decode(next_logits, prompt, max_new_tokens, eos_id):
    out = []
    for _ in range(max_new_tokens):
        t = int(np.argmax(next_logits(out if out else prompt)))
        out.append(t)
        if t == eos_id:
            break
    return out
