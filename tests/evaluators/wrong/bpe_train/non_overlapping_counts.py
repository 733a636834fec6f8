# expect: overlapping occurrences counted once
# Counts pairs with str.count on the space-joined word, which misses overlaps.
def bpe_train(word_counts, num_merges):
    words = {" ".join(w): c for w, c in word_counts.items()}
    merges = []
    for _ in range(num_merges):
        counts = {}
        for w, c in words.items():
            symbols = w.split(" ")
            for a, b in set(zip(symbols, symbols[1:])):
                counts[(a, b)] = counts.get((a, b), 0) + c * _occurrences(symbols, (a, b))
        if not counts:
            break
        best = min(counts, key=lambda p: (-counts[p], p))
        merges.append(best)
        words = {" ".join(_merge(w.split(" "), best)): c for w, c in words.items()}
    return merges


def _occurrences(symbols, pair):
    return len(symbols) - len(_merge(symbols, pair))


def _merge(symbols, pair):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


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
