"""Per-key-point evidence: rubric cues found in the answer, and calibrated semantic similarity.

Two independent kinds of evidence are measured for each key point:

* **Cues** — the point's ``cues`` (words and formulas) found in the normalized answer. Cues are
  weighted by specificity: a cue that appears in the reference text of many entries ("梯度",
  "transformer") says little, one found in this entry's alone ("running_var", "syncbn") says a
  lot (an IDF over the knowledge base). ASCII cues must start at a word boundary, so "max" does
  not fire inside "softmax". A cue the question itself names ("Gini" for "信息增益和基尼系数有什么
  区别") is no evidence at all: restating the question is what vague answers do ("Information
  gain, gain ratio and Gini are just different ways to measure a split"). Measured 2026-12-06
  (weight 1 → 0, with full marks moved from 0.70 to 0.66 so complete answers stay calibrated): ten
  blind answer files Spearman 0.447 → 0.461 (vague answers' mean 18.7 → 5.2), the newest blind
  file 0.393 → 0.441, the tuned dev set 0.754 → 0.744.
* **Semantics** — the cosine between each clause of the answer and the key point (zh and en),
  or one of the point's *exemplars*: the clauses of the entry's own reference answers that state
  that point (assigned once per entry, see :meth:`RubricVectors._exemplars`). A point is written
  as one terse line; the reference says it the way people talk, so exemplars catch paraphrases
  the terse line misses (Spearman 0.824 → 0.841 on the 216 tuned answers, every split up).
  e5 cosines are compressed (unrelated text still scores ~0.8), so a raw cosine means nothing on
  its own. Each clause is calibrated against its own *background*: the 90th percentile of its
  similarity to key points of unrelated entries (a fixed sample of the knowledge base, minus the
  quarter most similar to this entry's points: attention and multi-head attention are
  neighbours, not "unrelated"). A clause supports a point only by beating that level; this also
  cancels language effects (Chinese pairs score higher than English ones across the board) and
  the pull of generic, on-topic-sounding clauses.

:meth:`RubricVectors.topic_rank` answers "is this answer about this question at all": how many
other entries' questions fit the answer's centroid better than this entry's question.

Passage vectors are memoized by text. A knowledge index already holds every key point's and
question's vector (:func:`index_vectors`), so a grader built from it embeds only the answers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.embedder import Embedder
from knowledge.schema import Entry
from knowledge.textnorm import normalize
from service.interview.grading.code import compact

BACKGROUND_PERCENTILE = 90.0  # a clause must beat this share of unrelated rubric points
BACKGROUND_STRIDE = 3  # every 3rd key point of the knowledge base forms the background
RELATED_SHARE = 0.25  # the background points most similar to the entry's own are left out
MIN_CUE_WEIGHT = 0.15
EXEMPLAR_ASSIGN = 0.88  # a reference clause states a point when this close to it (passage cosine)
EXEMPLAR_MARGIN = 0.01  # … and clearly closer than to the runner-up point
EXEMPLAR_DISCOUNT = 0.01  # an exemplar says more than its point: its similarity counts a bit less
_ASCII_START = re.compile(r"[a-z0-9]")
_WORDS = re.compile(r"[a-z][a-z0-9_']*")


QUESTION_CUE_FACTOR = 0.0  # a cue the question itself names is no evidence: it restates it


@dataclass(frozen=True)
class EntryRubric:
    """One entry's key-point vectors and specificity-weighted cues."""

    entry_id: str
    kp_zh: np.ndarray  # (K, D)
    kp_en: np.ndarray  # (K, D)
    cues: tuple[tuple[tuple[str, float], ...], ...]  # per key point: (normalized cue, weight)
    bg_zh: np.ndarray  # (B, D) the unrelated background points, zh phrasing
    bg_en: np.ndarray  # (B, D) … and en phrasing
    exemplars: np.ndarray  # (E, D) reference-answer clauses that state a key point
    exemplar_owner: np.ndarray  # (E,) the key point each exemplar states


def cue_found(cue: str, text: str) -> bool:
    """``cue`` (normalized) occurs in ``text``; ASCII cues must start at a word boundary."""
    if not _ASCII_START.match(cue):
        return cue in text
    start = text.find(cue)
    while start >= 0:
        if start == 0 or not _ASCII_START.match(text[start - 1]):
            return True
        start = text.find(cue, start + 1)
    return False


def _cue_forms(cues: Sequence[str]) -> list[str]:
    """Normalized cues, plus the compact form of those written as code (``sqrt(var + eps)`` →
    ``sqrt(var+eps)``), which is how :mod:`.code` writes the candidate's code."""
    out = []
    for cue in cues:
        norm = normalize(cue)
        out.append(norm)
        if re.search(r"[a-z_]\(|[=@]", norm):
            out.append(compact(norm))
    return out


def reference_text(entry: Entry) -> str:
    """Everything the entry says is true: both reference answers and all key points."""
    points = " ".join(f"{kp.zh} {kp.en}" for kp in entry.key_points)
    return f"{entry.answer_zh} {entry.answer_en} {points}"


def index_vectors(index: object) -> dict[str, np.ndarray]:
    """Key-point and question vectors already stored in a :class:`knowledge.index.KnowledgeIndex`
    (same embedder, same ``passage:`` texts), by text."""
    rows = getattr(index, "rows", [])
    flat = getattr(index, "vectors", None)
    if flat is None or not rows:
        return {}
    vectors = flat.reconstruct_n(0, flat.ntotal)
    return {row.text: vectors[i] for i, row in enumerate(rows)
            if row.field in ("key_point", "question")}


class PassageCache:
    """Memoized ``embed_passages``: each distinct text is embedded once."""

    def __init__(self, embedder: Embedder, known: Mapping[str, np.ndarray] | None = None) -> None:
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = dict(known or {})
        self.added = 0  # texts embedded since construction or the last save

    def load(self, path: Path) -> int:
        """Add the vectors saved at ``path`` for this embedder's model; how many were read.

        A missing, unreadable or other-model file is ignored (the texts are embedded again)."""
        try:
            with np.load(path, allow_pickle=False) as saved:
                if str(saved["model_id"]) != self._embedder.model_id:
                    return 0
                texts, vectors = saved["texts"], saved["vectors"]
        except (OSError, KeyError, ValueError):
            return 0
        for text, vec in zip(texts.tolist(), vectors, strict=True):
            self._vectors.setdefault(str(text), vec)
        return len(texts)

    def save(self, path: Path) -> None:
        """Write every vector (atomically) so the next process embeds nothing it has seen."""
        texts = list(self._vectors)
        staging = path.with_name(path.name + ".partial.npz")
        np.savez(staging, model_id=np.array(self._embedder.model_id),
                 texts=np.array(texts, dtype=str),
                 vectors=np.stack([self._vectors[t] for t in texts]).astype(np.float32))
        staging.replace(path)
        self.added = 0

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            for text, vec in zip(missing, self._embedder.embed_passages(missing), strict=True):
                self._vectors[text] = vec
            self.added += len(missing)
        return np.stack([self._vectors[t] for t in texts]).astype(np.float32)


class RubricVectors:
    """Key-point vectors per entry, the background sample, cue specificity weights, and the
    knowledge base's ASCII vocabulary (``known_words``: what is not keyboard noise)."""

    def __init__(self, passages: PassageCache, corpus: Sequence[Entry]) -> None:
        self._passages = passages
        self._docs = {e.id: normalize(reference_text(e)) for e in corpus}
        self._gram_docs: dict[str, set[str]] = {}  # character trigram → ids of docs that have it
        for eid, doc in self._docs.items():
            for gram in {doc[i:i + 3] for i in range(len(doc) - 2)}:
                self._gram_docs.setdefault(gram, set()).add(eid)
        points = [(e.id, kp) for e in corpus for kp in e.key_points][::BACKGROUND_STRIDE]
        self._bg_owner = np.array([eid for eid, _ in points], dtype=object)
        self._bg_zh = passages([kp.zh for _, kp in points])
        self._bg_en = passages([kp.en for _, kp in points])
        self._cache: dict[tuple[str, str], EntryRubric] = {}
        self.known_words = frozenset(_WORDS.findall(" ".join(
            normalize(" ".join([e.question_zh, e.question_en, *e.aliases, *e.tags]))
            for e in corpus) + " " + " ".join(self._docs.values())))
        self._q_owner = np.array([e.id for e in corpus], dtype=object)
        self._q_zh = passages([e.question_zh for e in corpus])
        self._q_en = passages([e.question_en for e in corpus])

    def rubric(self, entry: Entry) -> EntryRubric:
        key = (entry.id, entry.model_dump_json())
        found = self._cache.get(key)
        if found is None:
            kp_zh = self._passages([kp.zh for kp in entry.key_points])
            kp_en = self._passages([kp.en for kp in entry.key_points])
            asked = normalize(" ".join([entry.question_zh, entry.question_en]))
            cues = tuple(tuple((c, self._cue_weight(c, entry.id)
                                * (QUESTION_CUE_FACTOR if cue_found(c, asked) else 1.0))
                               for c in dict.fromkeys(_cue_forms(kp.cues)))
                         for kp in entry.key_points)
            keep = self._unrelated(entry.id, kp_zh, kp_en)
            ex, owner = self._exemplars(entry, kp_zh, kp_en)
            found = EntryRubric(entry.id, kp_zh, kp_en, cues, self._bg_zh[keep], self._bg_en[keep],
                                ex, owner)
            self._cache[key] = found
        return found

    def _exemplars(self, entry: Entry, kp_zh: np.ndarray, kp_en: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
        """Clauses of the reference answers, each assigned to the key point it states (the
        closest point, clearly closer than the runner-up): more ways each point is said."""
        from service.interview.grading.segment import clauses

        texts = list(dict.fromkeys(c for t in (entry.answer_zh, entry.answer_en)
                                   for c in clauses(t)))
        if not texts:
            return np.zeros((0, kp_zh.shape[1]), np.float32), np.zeros(0, dtype=int)
        vecs = self._passages(texts)
        sims = np.maximum(vecs @ kp_zh.T, vecs @ kp_en.T)
        order = np.sort(sims, axis=1)
        best = sims.argmax(axis=1)
        margin = order[:, -1] - (order[:, -2] if sims.shape[1] > 1 else 0.0)
        keep = (order[:, -1] >= EXEMPLAR_ASSIGN) & (margin >= EXEMPLAR_MARGIN)
        return vecs[keep], best[keep]

    def _unrelated(self, entry_id: str, kp_zh: np.ndarray, kp_en: np.ndarray) -> np.ndarray:
        """Background points of other entries, minus the share most similar to this entry's
        (neighbouring topics — attention vs. multi-head attention — are not "unrelated")."""
        others = np.flatnonzero(self._bg_owner != entry_id)
        if len(others) == 0:
            return others
        own = np.concatenate([kp_zh, kp_en])
        related = np.maximum(self._bg_zh[others] @ own.T, self._bg_en[others] @ own.T).max(axis=1)
        keep = related <= np.quantile(related, 1.0 - RELATED_SHARE)
        return others[keep]

    def _cue_weight(self, cue: str, entry_id: str) -> float:
        """IDF of the cue over the other entries' reference texts, scaled to [MIN, 1]."""
        n = len(self._docs) + 1
        df = 1 + sum(1 for eid in self._candidates(cue)
                     if eid != entry_id and cue_found(cue, self._docs[eid]))
        weight = math.log((n + 1) / (df + 0.5)) / math.log((n + 1) / 1.5)
        return min(1.0, max(MIN_CUE_WEIGHT, weight))

    def _candidates(self, cue: str) -> set[str] | dict[str, str]:
        """The docs that could hold ``cue``: those with its rarest character trigrams (~12,000
        cues are looked up in every doc at start-up; this keeps each to a few docs)."""
        if len(cue) < 3:
            return self._docs
        grams = sorted((self._gram_docs.get(cue[i:i + 3], set()) for i in range(len(cue) - 2)),
                       key=len)
        return grams[0].intersection(*grams[1:4])

    def relative_similarity(self, rubric: EntryRubric, clause_vecs: np.ndarray) -> np.ndarray:
        """(clauses × key points): cosine minus the clause's background level."""
        own = np.maximum(clause_vecs @ rubric.kp_zh.T, clause_vecs @ rubric.kp_en.T)
        if len(rubric.exemplars):
            ex = clause_vecs @ rubric.exemplars.T - EXEMPLAR_DISCOUNT
            for k in range(own.shape[1]):
                mine = rubric.exemplar_owner == k
                if mine.any():
                    own[:, k] = np.maximum(own[:, k], ex[:, mine].max(axis=1))
        if len(rubric.bg_zh) == 0:
            return own - float(own.mean())
        bg = np.maximum(clause_vecs @ rubric.bg_zh.T, clause_vecs @ rubric.bg_en.T)
        return own - np.percentile(bg, BACKGROUND_PERCENTILE, axis=1)[:, None]

    def topic_rank(self, entry: Entry, clause_vecs: np.ndarray) -> int:
        """How many other entries' questions the answer as a whole (the centroid of its clauses)
        is closer to than to this entry's question."""
        answer = clause_vecs.mean(axis=0)
        own_q = self._passages([entry.question_zh, entry.question_en])
        own_sim = float((own_q @ answer).max())
        others = self._q_owner != entry.id
        if not others.any():
            return 0
        sims = np.maximum(self._q_zh[others] @ answer, self._q_en[others] @ answer)
        return int((sims > own_sim).sum())


def cue_mass(rubric: EntryRubric, clause_texts: list[str], usable: np.ndarray) -> np.ndarray:
    """Per key point: the summed weight of its cues found in the clauses allowed to support it
    (``usable``: clauses × points, normalized ``clause_texts``). Each cue counts once."""
    mass = np.zeros(len(rubric.cues), dtype=np.float32)
    for k, cues in enumerate(rubric.cues):
        text = " ".join(t for t, ok in zip(clause_texts, usable[:, k], strict=True) if ok)
        mass[k] = sum(w for cue, w in cues if cue_found(cue, text))
    return mass
