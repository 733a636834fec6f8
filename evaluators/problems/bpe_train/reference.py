from collections import Counter
from itertools import pairwise


def _merge(symbols, pair, new):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(new)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def bpe_train(word_counts, num_merges):
    words = [(list(word), count) for word, count in word_counts.items()]
    merges = []
    for _ in range(num_merges):
        pairs = Counter()
        for symbols, count in words:
            for pair in pairwise(symbols):
                pairs[pair] += count
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        words = [(_merge(symbols, best, best[0] + best[1]), count) for symbols, count in words]
    return merges


def bpe_encode(word, merges):
    ranks = {tuple(pair): i for i, pair in enumerate(merges)}
    symbols = list(word)
    while len(symbols) > 1:
        ranked = [ranks[p] for p in pairwise(symbols) if p in ranks]
        if not ranked:
            break
        pair = merges[min(ranked)]
        symbols = _merge(symbols, tuple(pair), pair[0] + pair[1])
    return symbols
