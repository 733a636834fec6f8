import numpy as np


def greedy_decode(next_logits, prompt, max_new_tokens, eos_id):
    generated = []
    for _ in range(max_new_tokens):
        token = int(np.argmax(next_logits(list(prompt) + generated)))
        generated.append(token)
        if token == eos_id:
            break
    return generated
