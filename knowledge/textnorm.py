"""Text normalization shared by retrieval and grading.

Candidates type simplified or traditional Chinese, full-width or half-width punctuation, mixed
case English. :func:`normalize` maps all of these to one form: NFKC (full-width → half-width),
lower case, traditional → simplified (OpenCC tables, pure Python), collapsed whitespace.
:func:`tokens` segments the normalized text for lexical matching: jieba words for Chinese
(search mode, so long words also yield their parts), plus ASCII words and single CJK characters
as a fallback signal for out-of-vocabulary terms.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_SPACES = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:[+#.\-_'][a-z0-9]+)*\+*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_STOPWORDS = frozenset(
    "的 了 是 么 吗 呢 啊 吧 和 与 及 在 有 把 被 就 都 也 还 要 会 能 可以 一下 一个 什么 怎么 "
    "怎样 为什么 如何 哪些 讲讲 说说 介绍 解释 请 你 我 他 这 那 个 下 中 为 对 用 "
    "the a an of to in on for and or is are be how what why which does do with by "
    "from as it its that this explain".split())


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _convertible() -> re.Pattern[str] | None:
    """The characters a t2s conversion could change: the keys of its character table, and the
    first character of any phrase it rewrites that holds none of them. Text without one of
    these is already simplified — converting it (pure Python, ~1 ms a sentence) is skipped.
    ``None`` when the tables cannot be read: then every text is converted."""
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"

    def table(name: str) -> dict[str, str]:
        rows = (line.rstrip("\n").split("\t") for line in
                (folder / name).read_text(encoding="utf-8").splitlines() if "\t" in line)
        return {key: value.split(" ")[0] for key, value in rows}

    try:
        chars, phrases = table("TSCharacters.txt"), table("TSPhrases.txt")
    except (OSError, ValueError):
        return None
    found = set(chars) | {key[0] for key, value in phrases.items()
                          if value != key and not any(c in chars for c in key)}
    return re.compile("[" + "".join(sorted(re.escape(c) for c in found)) + "]")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    convertible = _convertible() if _CJK.search(text) else None
    if _CJK.search(text) and (convertible is None or convertible.search(text)):
        text = _converter().convert(text)
    return _SPACES.sub(" ", text).strip()


def tokens(text: str) -> list[str]:
    """Lexical tokens of ``text`` (normalized first), stopwords removed."""
    norm = normalize(text)
    out: list[str] = [w for w in _ASCII_WORD.findall(norm) if w not in _STOPWORDS]
    if _CJK.search(norm):
        for word in _jieba().cut_for_search(norm):
            word = word.strip()
            if word and _CJK.search(word) and word not in _STOPWORDS:
                out.append(word)
        out.extend(ch for ch in _CJK.findall(norm) if ch not in _STOPWORDS)
    return out
