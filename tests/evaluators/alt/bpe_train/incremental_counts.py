# Keeps the word list as tuples and recounts with Counter.most_common + an explicit tie sort;
# merges returned as lists of tuples built with zip.
from collections import Counter


def _apply(symbols, a, b):
    out = []
    i = 0
    n = len(symbols)
    while i < n:
        if i < n - 1 and symbols[i] == a and symbols[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def bpe_train(word_counts, num_merges):
    corpus = Counter({tuple(w): c for w, c in word_counts.items()})
    merges = []
    while len(merges) < num_merges:
        pairs = Counter()
        for symbols, c in corpus.items():
            for i in range(len(symbols) - 1):
                pairs[(symbols[i], symbols[i + 1])] += c
        if not pairs:
            break
        top = max(pairs.values())
        a, b = sorted(p for p, c in pairs.items() if c == top)[0]
        merges.append((a, b))
        merged = Counter()
        for symbols, c in corpus.items():
            merged[_apply(symbols, a, b)] += c
        corpus = merged
    return merges


def bpe_encode(word, merges):
    symbols = tuple(word)
    order = {tuple(m): k for k, m in enumerate(merges)}
    while True:
        best = None
        for i in range(len(symbols) - 1):
            k = order.get((symbols[i], symbols[i + 1]))
            if k is not None and (best is None or k < best):
                best = k
        if best is None:
            return list(symbols)
        a, b = merges[best]
        symbols = _apply(symbols, a, b)
