import numpy as np


def _log_softmax(z):
    z = np.asarray(z, dtype=np.float64)
    z = z - z.max()
    return z - np.log(np.exp(z).sum())


def beam_search(next_logits, prompt, beam_width, max_new_tokens, eos_id):
    live = [(0.0, [])]
    finished = []
    for _ in range(max_new_tokens):
        expansions = []
        for score, tokens in live:
            log_probs = _log_softmax(next_logits(list(prompt) + tokens))
            for t, lp in enumerate(log_probs):
                expansions.append((score + lp, [*tokens, t]))
        expansions.sort(key=lambda beam: beam[0], reverse=True)
        live = []
        for beam in expansions[:beam_width]:
            if beam[1][-1] == eos_id:
                finished.append(beam)
            else:
                live.append(beam)
        if len(finished) >= beam_width or not live:
            break
    best = max(finished + live, key=lambda beam: beam[0])
    return best[1]
