"""Character-level BPE: training (weighted, overlapping counts, lexicographic ties) and encoding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from evaluators import compare
from evaluators.problem import Case, CaseFailure, Outputs, Problem

FORBIDDEN = ("torch",)
Pair = tuple[str, str]


def merge(symbols: list[str], pair: Pair) -> list[str]:
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def _count(words: list[tuple[list[str], int]], mode: str) -> Counter:
    pairs: Counter = Counter()
    for symbols, count in words:
        found = list(pairwise(symbols))
        if mode == "once_per_word":
            found = list(dict.fromkeys(found))
        elif mode == "non_overlapping":  # each merge shortens the word by one symbol
            found = [p for p in dict.fromkeys(found)
                     for _ in range(len(symbols) - len(merge(symbols, p)))]
        for pair in found:
            pairs[pair] += 1 if mode == "unweighted" else count
    return pairs


def _pick(pairs: Counter, ties: str) -> Pair:
    if ties == "insertion":
        return max(pairs, key=lambda p: pairs[p])
    if ties == "largest":
        return max(pairs, key=lambda p: (pairs[p], p))
    return min(pairs, key=lambda p: (-pairs[p], p))


def train(word_counts: dict[str, int], num_merges: int, *, ties: str = "lexicographic",
          counting: str = "ok", stop_at_one: bool = False) -> list[Pair]:
    """The reference trainer; the keywords reproduce classic mistakes."""
    words = [(list(w), c) for w, c in word_counts.items()]
    merges: list[Pair] = []
    for _ in range(num_merges):
        pairs = _count(words, counting)
        if not pairs or (stop_at_one and max(pairs.values()) < 2):
            break
        best = _pick(pairs, ties)
        merges.append(best)
        words = [(merge(s, best), c) for s, c in words]
    return merges


def encode(word: str, merges: list[Pair], *, leftmost: bool = False) -> list[str]:
    ranks = {p: i for i, p in enumerate(merges)}
    symbols = list(word)
    while len(symbols) > 1:
        found = [p for p in pairwise(symbols) if p in ranks]
        if not found:
            break
        symbols = merge(symbols, found[0] if leftmost else min(found, key=ranks.__getitem__))
    return symbols


def encode_in_rank_order(word: str, merges: list[Pair]) -> list[str]:
    symbols = list(word)
    for pair in merges:
        symbols = merge(symbols, pair)
    return symbols


TRAIN_MISTAKES: dict[str, dict[str, Any]] = {
    "ties broken by insertion (first-seen) order; break them by the lexicographically smallest "
    "(left, right) pair": {"ties": "insertion"},
    "ties broken by the largest pair; take the lexicographically smallest": {"ties": "largest"},
    "overlapping occurrences counted once ('aaa' holds (a, a) twice, which str.count "
    "misses)": {"counting": "non_overlapping"},
    "each pair counted once per word; count every (overlapping) occurrence, times the word's "
    "count": {"counting": "once_per_word"},
    "pair counts not weighted by the word counts": {"counting": "unweighted"},
    "training stopped when the best pair occurs only once; keep merging until num_merges or no "
    "pair is left": {"stop_at_one": True},
}


def _as_pairs(value: dict[str, Any]) -> list[Pair]:
    if value.get("type") not in ("list", "tuple"):
        raise CaseFailure(f"bpe_train must return a list of (left, right) tuples, got a "
                          f"{value.get('type')}")
    pairs = []
    for i, item in enumerate(compare.items(value)):
        pair = compare.to_python(item)
        if item.get("type") not in ("tuple", "list") or len(pair) != 2 \
                or not all(isinstance(s, str) for s in pair):
            raise CaseFailure(f"merge {i} should be a (left, right) tuple of two strings, got "
                              f"{pair!r:.80}")
        pairs.append((pair[0], pair[1]))
    return pairs


def _first_difference(got: list[Any], want: list[Any]) -> int:
    return next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
                min(len(got), len(want)))


def _train_case(name: str, word_counts: dict[str, int], num_merges: int,
                weight: float = 2.0) -> Case:
    expected = train(word_counts, num_merges)
    variants = {text: train(word_counts, num_merges, **kw) for text, kw in
                TRAIN_MISTAKES.items()}

    def check(outputs: Outputs) -> None:
        got = _as_pairs(compare.get(outputs, "merges"))
        if got == expected:
            return
        if any(isinstance(s, str) and "</w>" in s for pair in got for s in pair):
            raise CaseFailure("the merges contain an end-of-word marker '</w>'; this BPE has none")
        i = _first_difference(got, expected)
        shown = (f"merge {i}: expected {expected[i]!r}, got {got[i]!r}" if i < min(len(got),
                 len(expected)) else f"expected {len(expected)} merges, got {len(got)}")
        hint = next((f" — looks like {text}" for text, value in variants.items()
                     if value != expected and value == got), "")
        raise CaseFailure(f"{shown}{hint}")

    payload = {"word_counts": word_counts, "num_merges": num_merges}
    return Case(name=name, payload=payload, check=check, op="train", weight=weight)


def _order_sensitive_words(merges: list[Pair], seed: int, count: int) -> list[str]:
    """Random words where merging the leftmost known pair first gives a different result."""
    rng = np.random.default_rng(seed)
    alphabet = sorted({ch for pair in merges for side in pair for ch in side})
    found: list[str] = []
    for _ in range(5000):
        word = "".join(rng.choice(alphabet, rng.integers(3, 9)))
        if word not in found and encode(word, merges) == encode_in_rank_order(word, merges) \
                and encode(word, merges, leftmost=True) != encode(word, merges):
            found.append(word)
            if len(found) == count:
                break
    return found


def _encode_case(name: str, corpus: dict[str, int], num_merges: int, words: list[str],
                 weight: float = 2.0) -> Case:
    merges = train(corpus, num_merges)
    words = [w for w in words if encode(w, merges) == encode_in_rank_order(w, merges)]
    words += _order_sensitive_words(merges, num_merges, 4)
    expected = [encode(w, merges) for w in words]
    leftmost = [encode(w, merges, leftmost=True) for w in words]

    def check(outputs: Outputs) -> None:
        got = compare.to_python(compare.get(outputs, "encoded"))
        for word, g, want, left in zip(words, got, expected, leftmost, strict=True):
            if g == want:
                continue
            hint = (" — looks like the leftmost mergeable pair was merged first; merge the pair "
                    "with the lowest rank (earliest merge) first" if g == left != want else "")
            if word == "" and g != []:
                hint = " — the empty word encodes to []"
            raise CaseFailure(f"bpe_encode({word!r}): expected {want}, got {g}{hint}")

    payload = {"merges": [list(p) for p in merges], "words": words}
    return Case(name=name, payload=payload, check=check, op="encode", weight=weight)


def _zipf_corpus(seed: int, size: int, alphabet: str) -> dict[str, int]:
    rng = np.random.default_rng(seed)
    corpus: dict[str, int] = {}
    while len(corpus) < size:
        word = "".join(rng.choice(list(alphabet), rng.integers(2, 9)))
        corpus.setdefault(word, int(1000 // (len(corpus) + 1) ** 1.1) + 1)
    return corpus


SENNRICH = {"low": 5, "lower": 2, "newest": 6, "widest": 3}
MAKERS: list[Callable[[], Case]] = [
    lambda: _train_case("sennrich_example_10_merges", SENNRICH, 10),
    lambda: _train_case("ties_lexicographic_not_insertion_order",
                        {"xy": 3, "mn": 3, "ab": 3, "ba": 1, "yx": 2, "zab": 1}, 6),
    lambda: _train_case("overlapping_pairs_aaaa", {"aaaa": 2, "bc": 7, "aaa": 1, "baaab": 1}, 6),
    lambda: _train_case("stops_when_no_pairs_left", {"ab": 1, "c": 4, "d": 2}, 5, weight=1.0),
    lambda: _train_case("num_merges_0", SENNRICH, 0, weight=1.0),
    lambda: _train_case("chinese_characters", {"深度学习": 3, "学习": 5, "深度": 2, "机器学习": 4,
                                              "强化学习": 1, "机器": 2}, 6),
    lambda: _train_case("counts_weight_the_pairs", {"abc": 1, "bcd": 1, "de": 10, "xde": 1}, 4),
    lambda: _train_case("zipf_corpus_40_words_30_merges", _zipf_corpus(7, 40, "abcdefg"), 30),
    lambda: _encode_case("encode_seen_and_unseen_words", SENNRICH, 10,
                         ["lowest", "newer", "wider", "low", "lo", "l", "", "slowest", "zz",
                          "newestlow"]),
    lambda: _encode_case("encode_with_zipf_merges", _zipf_corpus(7, 40, "abcdefg"), 30,
                         ["abcdefg", "gfedcba", "aabbccdd", "cafe", "bead", "face", "ggg",
                          "deadbeef", "a", "xyz"]),
]


def make_cases() -> list[Case]:
    return [make() for make in MAKERS]


PROBLEM = Problem(
    id="bpe_train",
    title_zh="BPE：训练与编码",
    title_en="Byte-pair encoding: training and encoding",
    difficulty="medium",
    tags=("tokenization", "bpe", "nlp", "llm", "python"),
    directory=Path(__file__).resolve().parent,
    make_cases=make_cases,
    forbidden=FORBIDDEN,
)
