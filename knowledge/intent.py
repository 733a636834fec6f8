"""Whether a query asks for code to write or for a concept to explain.

Most second-wave coding entries have a concept twin (``focal_loss`` / ``focal-loss``, ``rms_norm``
/ ``rmsnorm-prenorm``, ``flash_attention`` / ``flash-attention``…) whose questions, aliases and key
points share nearly every term, so the embedding alone cannot tell "手撕 focal loss" from "focal
loss 为什么有效". The words around the technique can: 手写/手撕/实现/代码/implement say *write it*.
:func:`wants_code` reads them from the normalized query (simplified, lower case; 繁體 "實作" and
"程式" included). Chinese cues match anywhere; English cues only as whole words, since "code" is
inside "decoding" and "encoder". Without a cue the ranking leans to the concept (a bare
technique name is a question about it).

The cue list is vocabulary, defined once here; what the ranking does with it is in
:mod:`knowledge.index`.
"""

from __future__ import annotations

import re

from knowledge.textnorm import normalize

CODING_CUES = ("手写", "手撕", "手刻", "实现", "实作", "写", "代码", "程式", "伪代码", "numpy",
               "implement", "implementation", "code", "coding", "from scratch", "write",
               "snippet")


def _matcher(cues: tuple[str, ...]) -> re.Pattern[str]:
    parts = [rf"(?<![a-z]){re.escape(c)}(?![a-z])" if c.isascii() else re.escape(c)
             for c in cues]
    return re.compile("|".join(parts))


_CODING = _matcher(CODING_CUES)


def wants_code(query: str) -> bool:
    return _CODING.search(normalize(query)) is not None
