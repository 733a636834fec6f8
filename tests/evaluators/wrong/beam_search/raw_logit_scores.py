# expect: sum of log_softmax
# Accumulates raw logits instead of log-probabilities, so beams are not comparable.
import numpy as np


def beam_search(next_logits, prompt, beam_width, max_new_tokens, eos_id):
    live, finished = [(0.0, [])], []
    for _ in range(max_new_tokens):
        cands = []
        for score, toks in live:
            logits = next_logits(prompt + toks)
            cands += [(score + logits[t], toks + [t]) for t in range(len(logits))]
        cands.sort(key=lambda c: -c[0])
        live = []
        for c in cands[:beam_width]:
            (finished if c[1][-1] == eos_id else live).append(c)
        if len(finished) >= beam_width or not live:
            break
    return max(finished + live, key=lambda c: c[0])[1]
