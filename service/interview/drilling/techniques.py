"""Linking the techniques a candidate names to knowledge-base entries (the résumé→concept bridge).

A résumé says "基于 YOLOv8 引入 CBAM"; an answer says "LoRA 加在 attention 上". Each named technique
(a model, an algorithm or a technique from the résumé lexicon, or a model-like name) is linked to a
knowledge-base entry through the knowledge base's *own* words — never a hand-written table here:

1. **Terms.** Every entry's id, tags and aliases (the names people write on résumés, English,
   Chinese, 繁體, abbreviations) are cut into terms: runs of one to three Latin words written
   without spaces and hyphens ("nnU-Net" → ``nnunet``, "Faster R-CNN" → ``fasterrcnn``) and the
   entry's Chinese aliases. A mention matches an entry through the same compact form, trying
   shorter forms of a versioned name too ("YOLOv8s" → ``yolov8s``, ``yolov8``, ``yolo``). An id
   or tag match weighs 3 (one word of a longer tag 2), each alias 1 (at most 4); a link needs
   weight ≥ 2, so a name that occurs once in some other entry's alias ("DeiT 蒸馏 token") does
   not link.
2. **Retrieval.** A mention with no term match is searched densely (the index's own vectors);
   the best concept entry links only if its similarity clears ``min_dense`` with a clear margin.

Tools (PyTorch, TensorRT as a tool, LabelImg) are not linked: the lexicon marks them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from knowledge.index import KnowledgeIndex
from knowledge.schema import Entry
from knowledge.textnorm import normalize
from service.interview.drilling import detectors
from service.resume import facets

_LATIN = re.compile(r"[a-z0-9]+(?:[-+./][a-z0-9]+)*")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_VERSION_TAIL = re.compile(r"(?:[-/ ]?(?:v?\d+(?:\.\d+)*[a-z]?|(?<=\d)[nsmlx]|tiny|nano|base|large|small|"
                           r"instruct|chat|w\d+|b/\d+|\d+b|\d+m)|\+\+)$")
_SKIP_MENTIONS = frozenset({"model", "network", "transformer", "attention", "模型", "网络"})
ALIAS_WEIGHT_CAP = 4
MIN_TERM_WEIGHT = 2


def compact(text: str) -> str:
    return re.sub(r"[\s\-_./+]", "", normalize(text))


def shorter_forms(mention: str) -> list[str]:
    """``yolov8s`` → [yolov8s, yolov8, yolo]; ``qwen2-7b-instruct`` → [..., qwen2, qwen]."""
    text = normalize(mention).strip()
    forms = []
    while text:
        form = compact(text)
        if len(form) >= 2 and form not in forms:
            forms.append(form)
        cut = _VERSION_TAIL.search(text)
        if not cut or cut.start() == 0:
            break
        text = text[:cut.start()].rstrip(" -/")
    return forms


def _latin_terms(text: str) -> set[str]:
    words = _LATIN.findall(normalize(text))
    terms = set()
    for n in (1, 2, 3):
        for i in range(len(words) - n + 1):
            terms.add(compact(" ".join(words[i:i + n])))
    return {t for t in terms if len(t) >= 2}


@dataclass(frozen=True)
class TechniqueLink:
    mention: str  # as the candidate wrote it
    entry_id: str
    weight: float  # term weight, or the dense similarity for retrieval links
    via: str  # "alias" or "retrieval"
    source: str = "resume"  # "resume" or "answer"


class TechniqueLinker:
    """Links mentions to concept entries. ``dense`` (optional): ``mentions -> [(entry_id, score)
    best first per mention]`` from the knowledge index, for mentions no term matches."""

    def __init__(self, entries: Iterable[Entry],
                 dense: Callable[[list[str]], list[list[tuple[str, float]]]] | None = None,
                 min_dense: float = 0.90, margin: float = 0.02) -> None:
        self.dense, self.min_dense, self.margin = dense, min_dense, margin
        self._terms: dict[str, dict[str, float]] = {}
        self._cjk: list[tuple[str, str]] = []  # (normalized Chinese alias, entry id)
        for entry in entries:
            if entry.kind == "concept":
                self._index(entry)

    def _add(self, term: str, entry_id: str, weight: float) -> None:
        slot = self._terms.setdefault(term, {})
        slot[entry_id] = slot.get(entry_id, 0.0) + weight

    def _index(self, entry: Entry) -> None:
        for term in _latin_terms(entry.id.replace("-", " ")) | {compact(entry.id)}:
            self._add(term, entry.id, 3.0)
        for tag in entry.tags:
            # a tag names the entry; one word of a longer tag ("rope" of "rope-scaling") less so
            for term in _latin_terms(tag.replace("-", " ")) - {compact(tag)}:
                self._add(term, entry.id, 2.0)
            self._add(compact(tag), entry.id, 3.0)
        alias_hits: dict[str, float] = {}
        for alias in entry.aliases:
            for term in _latin_terms(alias):
                alias_hits[term] = alias_hits.get(term, 0.0) + 1.0
            self._cjk.append((normalize(alias), entry.id))
        for term, hits in alias_hits.items():
            self._add(term, entry.id, min(hits, ALIAS_WEIGHT_CAP))

    def _term_match(self, mention: str) -> tuple[str, float] | None:
        if _CJK_RUN.fullmatch(normalize(mention)):
            hits: dict[str, float] = {}
            needle = normalize(mention)
            for alias, entry_id in self._cjk:
                if needle in alias:
                    hits[entry_id] = min(hits.get(entry_id, 0.0) + 1.0, ALIAS_WEIGHT_CAP)
            best = max(hits.items(), key=lambda kv: kv[1], default=None)
            return best if best and best[1] >= MIN_TERM_WEIGHT else None
        for form in shorter_forms(mention):
            found = self._terms.get(form)
            if found:
                entry_id, weight = max(found.items(), key=lambda kv: (kv[1], -len(kv[0])))
                if weight >= MIN_TERM_WEIGHT:
                    return entry_id, weight
        return None

    def link(self, mentions: list[str], source: str = "resume",
             retrieve: bool = True) -> list[TechniqueLink]:
        """Links for ``mentions`` (one per entry, first mention wins), in mention order."""
        links: list[TechniqueLink] = []
        unmatched: list[str] = []
        for mention in mentions:
            if compact(mention) in _SKIP_MENTIONS:
                continue
            match = self._term_match(mention)
            if match:
                links.append(TechniqueLink(mention, match[0], match[1], "alias", source))
            else:
                unmatched.append(mention)
        if retrieve and self.dense is not None and unmatched:
            for mention, ranked in zip(unmatched, self.dense(unmatched), strict=True):
                if not ranked:
                    continue
                top, score = ranked[0]
                runner = ranked[1][1] if len(ranked) > 1 else 0.0
                if score >= self.min_dense and score - runner >= self.margin:
                    links.append(TechniqueLink(mention, top, round(score, 4), "retrieval", source))
        unique: dict[str, TechniqueLink] = {}
        for link in links:
            unique.setdefault(link.entry_id, link)
        return list(unique.values())


def mentions_in(text: str) -> list[str]:
    """Techniques named in ``text``: the résumé lexicon's models, algorithms, techniques and
    practices (not tools), plus model-like names, in order of appearance."""
    return list(_mentions(text))


@lru_cache(maxsize=1024)
def _mentions(text: str) -> tuple[str, ...]:
    methods = facets.find_methods(text)
    tools = {compact(display) for category, display in methods if category == "tool"}
    found = [display for category, display in methods if category != "tool"]
    found += detectors.named_models(text, normalize(text))
    return tuple(dict.fromkeys(m.strip() for m in found
                               if len(compact(m)) >= 2 and compact(m) not in tools))


def index_dense(index: KnowledgeIndex,
                top: int = 3) -> Callable[[list[str]], list[list[tuple[str, float]]]]:
    """Dense-only ranking of concept entries for each mention, from the knowledge index (its
    embedder, its row vectors, best row per entry)."""
    import numpy as np

    rows, vectors, embedder = index.rows, index.vectors, index.embedder
    concept = {e.id for e in index.entries if e.kind == "concept"}

    def rank(mentions: list[str]) -> list[list[tuple[str, float]]]:
        queries = np.asarray(embedder.embed_queries(mentions), dtype=np.float32)
        sims, idx = vectors.search(queries, min(int(vectors.ntotal), 256))
        ranked = []
        for row_sims, row_idx in zip(sims, idx, strict=True):
            best: dict[str, float] = {}
            for score, i in zip(row_sims.tolist(), row_idx.tolist(), strict=True):
                if i < 0:
                    continue
                entry_id = rows[i].entry_id
                if entry_id in concept and score > best.get(entry_id, -1.0):
                    best[entry_id] = score
            ranked.append(sorted(best.items(), key=lambda kv: -kv[1])[:top])
        return ranked

    return rank
