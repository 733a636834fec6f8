# expect: equals the greedy decoding
# Starts from beam_width copies of the prompt, so identical expansions crowd out the others.
import torch


def beam_search(next_logits, prompt, beam_width, max_new_tokens, eos_id):
    beams = [(list(prompt), 0.0)] * beam_width
    finished = []
    for _ in range(max_new_tokens):
        cands = []
        for seq, score in beams:
            lp = torch.log_softmax(torch.tensor(next_logits(seq)), dim=-1)
            top = torch.topk(lp, beam_width)
            cands += [(seq + [int(t)], score + float(v)) for v, t in zip(top.values, top.indices)]
        cands.sort(key=lambda c: c[1], reverse=True)
        beams = []
        for seq, score in cands[:beam_width]:
            (finished if seq[-1] == eos_id else beams).append((seq, score))
        if len(finished) >= beam_width or not beams:
            break
    best = max(finished + beams, key=lambda c: c[1])
    return best[0][len(prompt):]
