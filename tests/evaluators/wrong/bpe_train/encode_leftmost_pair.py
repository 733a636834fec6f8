# expect: leftmost mergeable pair was merged first
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
    for _ in range(num_merges):
        pairs = Counter()
        for s, c in words:
            for p in zip(s, s[1:]):
                pairs[p] += c
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        words = [(_merge(s, best), c) for s, c in words]
    return merges


def bpe_encode(word, merges):
    known = set(map(tuple, merges))
    symbols = list(word)
    while True:
        pair = next((p for p in zip(symbols, symbols[1:]) if p in known), None)
        if pair is None:
            return symbols
        symbols = _merge(symbols, pair)
