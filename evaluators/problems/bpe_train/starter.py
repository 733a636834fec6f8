def bpe_train(word_counts: dict[str, int], num_merges: int) -> list[tuple[str, str]]:
    """Learn up to num_merges BPE merges from word -> count (characters, no end-of-word marker).
    Each step: the most frequent adjacent pair (weighted by count, overlapping occurrences
    each count), ties -> lexicographically smallest (left, right); merge left to right."""
    raise NotImplementedError


def bpe_encode(word: str, merges: list[tuple[str, str]]) -> list[str]:
    """Split word into characters, then repeatedly merge the adjacent pair with the lowest rank
    (index in merges) until no adjacent pair is in merges."""
    raise NotImplementedError
