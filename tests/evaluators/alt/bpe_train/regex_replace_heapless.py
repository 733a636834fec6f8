# Space-joined words and a regex with lookarounds for the merge (the original Sennrich style),
# with correct tie-breaking and overlapping counts.
import re
from collections import defaultdict


def bpe_train(word_counts, num_merges):
    vocab = {" ".join(w): c for w, c in word_counts.items()}
    merges = []
    for _ in range(num_merges):
        stats = defaultdict(int)
        for word, freq in vocab.items():
            symbols = word.split()
            for i in range(len(symbols) - 1):
                stats[symbols[i], symbols[i + 1]] += freq
        if not stats:
            break
        best = sorted(stats.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        merges.append(best)
        bigram = re.escape(" ".join(best))
        pattern = re.compile(r"(?<!\S)" + bigram + r"(?!\S)")
        vocab = {pattern.sub("".join(best), w): f for w, f in vocab.items()}
    return merges


def bpe_encode(word, merges):
    rank = {tuple(m): r for r, m in enumerate(merges)}
    parts = list(word)
    while len(parts) >= 2:
        candidates = [(rank.get((a, b), float("inf")), (a, b)) for a, b in zip(parts, parts[1:])]
        r, pair = min(candidates)
        if r == float("inf"):
            break
        merged, i = [], 0
        while i < len(parts):
            if i < len(parts) - 1 and (parts[i], parts[i + 1]) == pair:
                merged.append(parts[i] + parts[i + 1])
                i += 2
            else:
                merged.append(parts[i])
                i += 1
        parts = merged
    return parts
