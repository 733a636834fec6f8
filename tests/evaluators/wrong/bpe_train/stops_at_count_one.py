# expect: stopped when the best pair occurs only once
from collections import Counter


def _merge(s, pair):
    out, i = [], 0
    while i < len(s):
        if i + 1 < len(s) and (s[i], s[i + 1]) == pair:
            out.append(s[i] + s[i + 1])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return out


def bpe_train(word_counts, num_merges):
    words = [(list(w), c) for w, c in word_counts.items()]
    merges = []
    while len(merges) < num_merges:
        pairs = Counter()
        for s, c in words:
            for p in zip(s, s[1:]):
                pairs[p] += c
        if not pairs or max(pairs.values()) < 2:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        words = [(_merge(s, best), c) for s, c in words]
    return merges


def bpe_encode(word, merges):
    ranks = {tuple(m): i for i, m in enumerate(merges)}
    symbols = list(word)
    while len(symbols) > 1:
        pairs = [(ranks[p], i) for i, p in enumerate(zip(symbols, symbols[1:])) if p in ranks]
        if not pairs:
            break
        best = merges[min(pairs)[0]]
        out, i = [], 0
        while i < len(symbols):
            if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == tuple(best):
                out.append(symbols[i] + symbols[i + 1])
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        symbols = out
    return symbols
