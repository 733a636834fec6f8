# expect: eos_uses_its_slot
# Hugging Face style: finished beams do not take a slot; it keeps beam_width live beams anyway.
import numpy as np


def _log_softmax(z):
    z = z - z.max()
    return z - np.log(np.exp(z).sum())


def beam_search(next_logits, prompt, beam_width, max_new_tokens, eos_id):
    live, finished = [(0.0, [])], []
    for _ in range(max_new_tokens):
        cands = []
        for score, toks in live:
            lp = _log_softmax(next_logits(prompt + toks))
            cands += [(score + lp[t], toks + [t]) for t in range(len(lp))]
        cands.sort(key=lambda c: -c[0])
        live = []
        for c in cands:
            if len(live) == beam_width:
                break
            (finished if c[1][-1] == eos_id else live).append(c)
        if len(finished) >= beam_width or not live:
            break
    return max(finished + live, key=lambda c: c[0])[1]
