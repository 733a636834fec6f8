import torch  # not needed, and counts as the forbidden API for this pure-Python problem


def bpe_train(word_counts, num_merges):
    return []


def bpe_encode(word, merges):
    return list(word)
