"""The deterministic rubric grader: an answer against an entry's key points, scored 0–100.

Design (each step a separate module):

1. :mod:`.segment` cuts the answer into clauses; clauses that try to instruct the grader
   (:mod:`.signals`) are dropped, so injected text can never add evidence, and the grade is
   capped.
2. The clauses are embedded in one batch (e5 ``query:``); :mod:`.evidence` turns them into
   per-key-point evidence — specificity-weighted cues plus semantic similarity calibrated against
   unrelated key points — combined into a strength per point (hit at ≥ 0.5).
3. The score multiplies two halves of the same picture:

   * *recall*: mean key-point strength — how much of the rubric the answer covers;
   * *precision*: the share of the answer (by size) whose clauses are closer to some key point
     than to unrelated ones — padding, generic talk and confident claims that match no point
     dilute it. Its square root is used: missing content costs more than padding.

   Then penalties: vagueness (hedging density, no concrete terms, very short), each detected
   contradiction (:mod:`.contradiction`), off-topic answers, injection attempts. ``FULL_MARKS``
   of the product maps to 100.

Everything is deterministic: no sampling, fixed thresholds, the embedder in eval mode.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping, Sequence

import numpy as np

from knowledge.embedder import Embedder
from knowledge.schema import Entry
from knowledge.textnorm import normalize
from service.interview.grading.contradiction import (
    confusions,
    denied_exceptions,
    swapped_subjects,
)
from service.interview.grading.evidence import (
    EntryRubric,
    PassageCache,
    RubricVectors,
    cue_found,
    cue_mass,
    index_vectors,
    reference_text,
)
from service.interview.grading.feedback import Findings, feedback_en, feedback_zh
from service.interview.grading.models import AnswerGrade, KeyPointResult
from service.interview.grading.segment import clauses, units
from service.interview.grading.signals import is_injection, list_like, style_signals, vagueness

SEM_SCALE = 0.05  # relative cosine at which a clause fully supports a point
CUE_RATE = 0.8  # cue strength = 1 - exp(-CUE_RATE * weighted cue count)
CUE_SHARE = 0.6  # strength = CUE_SHARE * cue + (1 - CUE_SHARE) * semantic
HIT_AT = 0.5
EVIDENCE_AT = 0.3
PRECISION_POWER = 0.5
FULL_MARKS = 0.7
VAGUE_PENALTY = 0.4
CONTRADICTION_FACTOR = 0.4  # a confident error costs more than half the credit
OFF_TOPIC_FACTOR = 0.25
OFF_TOPIC_RANK = 20  # off topic when at least this many other questions fit the answer better
OFF_TOPIC_MAX_RECALL = 0.3
INJECTION_FACTOR = 0.5
MIN_UNITS = 2.0


class RubricGrader:
    """``grade(entry, answer, language) -> AnswerGrade``; see the module docstring."""

    def __init__(self, embedder: Embedder, corpus: Sequence[Entry] | None = None,
                 known_vectors: Mapping[str, np.ndarray] | None = None) -> None:
        self._embedder = embedder
        self._passages = PassageCache(embedder, known_vectors)
        self._corpus = list(corpus) if corpus is not None else None
        self._vectors: RubricVectors | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_index(cls, index: object) -> RubricGrader:
        """Reuse a :class:`knowledge.index.KnowledgeIndex`'s embedder, entries and vectors."""
        embedder: Embedder = getattr(index, "embedder")  # noqa: B009
        return cls(embedder, getattr(index, "entries"), index_vectors(index))  # noqa: B009

    def warm_up(self) -> None:
        """Embed the background now rather than on the first grade."""
        self._rubric_vectors()

    def _rubric_vectors(self) -> RubricVectors:
        with self._lock:
            if self._vectors is None:
                if self._corpus is None:
                    from knowledge.loader import load_entries

                    self._corpus = load_entries()
                self._vectors = RubricVectors(self._passages, self._corpus)
            return self._vectors

    def grade(self, entry: Entry, answer: str, language: str) -> AnswerGrade:
        pieces = clauses(answer or "")
        injection = any(is_injection(p) for p in pieces)
        usable = [p for p in pieces if not is_injection(p) and units(p) >= MIN_UNITS]
        if not usable:
            return _empty_grade(entry, injection)
        vectors = self._rubric_vectors()
        rubric = vectors.rubric(entry)
        clause_vecs = self._embedder.embed_queries([normalize(p) for p in usable])
        rel = vectors.relative_similarity(rubric, clause_vecs)
        astray = vectors.topic_rank(entry, clause_vecs) >= OFF_TOPIC_RANK
        return _score(entry, rubric, usable, rel, astray, injection)


def _strengths(rubric: EntryRubric, pieces: list[str], listed: list[bool], rel: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """(per-point strength in [0, 1], per-point cue mass). A cue counts for a point only in a
    clause that explains rather than lists, and that is at least as close to the point as to
    typical unrelated points: the word alone, said about something else, is no evidence."""
    usable = (rel >= 0.0) & ~np.array(listed)[:, None]
    mass = cue_mass(rubric, [normalize(p) for p in pieces], usable)
    cue = 1.0 - np.exp(-CUE_RATE * mass)
    semantic = np.clip(rel.max(axis=0) / SEM_SCALE, 0.0, 1.0)
    return np.clip(CUE_SHARE * cue + (1 - CUE_SHARE) * semantic, 0.0, 1.0), mass


def _precision(pieces: list[str], rel: np.ndarray) -> float:
    sizes = np.array([units(p) for p in pieces], dtype=np.float32)
    support = np.clip(rel.max(axis=1) / SEM_SCALE, 0.0, 1.0)
    return float((sizes * support).sum() / max(1e-6, float(sizes.sum())))


def _evidence(rubric: EntryRubric, pieces: list[str], rel: np.ndarray, k: int) -> str:
    """The clause that best supports point ``k``: semantic support plus its own cues."""
    cue_in = [float(sum(w for cue, w in rubric.cues[k] if cue_found(cue, normalize(p)))) for p in pieces]
    support = rel[:, k] / SEM_SCALE + np.array(cue_in)
    return pieces[int(np.argmax(support))]


def _score(entry: Entry, rubric: EntryRubric, pieces: list[str], rel: np.ndarray,
           off_topic: bool, injection: bool) -> AnswerGrade:
    listed = [list_like(p) for p in pieces]
    strength, mass = _strengths(rubric, pieces, listed, rel)
    contradictions = (confusions(" ".join(pieces), reference_text(entry))
                      + swapped_subjects(entry, pieces, rel) + denied_exceptions(entry, pieces, rel))
    sizes = [units(p) for p in pieces]
    listed_share = sum(s for s, bare in zip(sizes, listed, strict=True) if bare) / sum(sizes)
    vague = vagueness(style_signals(" ".join(pieces)), sum(sizes), float(mass.sum()), listed_share)
    off_topic = off_topic and float(strength.mean()) < OFF_TOPIC_MAX_RECALL
    value = float(strength.mean()) * _precision(pieces, rel) ** PRECISION_POWER
    value *= (1 - VAGUE_PENALTY * vague.level) * CONTRADICTION_FACTOR ** len(contradictions)
    value *= (OFF_TOPIC_FACTOR if off_topic else 1.0) * (INJECTION_FACTOR if injection else 1.0)
    points = [KeyPointResult(
        index=i, text_zh=kp.zh, text_en=kp.en, hit=bool(strength[i] >= HIT_AT),
        strength=round(float(strength[i]), 3),
        evidence=_evidence(rubric, pieces, rel, i) if strength[i] >= EVIDENCE_AT else None)
        for i, kp in enumerate(entry.key_points)]
    missed = sorted((p.index for p in points if not p.hit), key=lambda i: strength[i])
    findings = Findings(missed, vague.level >= 0.5, off_topic, contradictions, injection, False)
    return AnswerGrade(
        score=max(0, min(100, math.floor(100 * min(1.0, value / FULL_MARKS) + 0.5))),
        key_points=points, hit=[p.index for p in points if p.hit], missed=sorted(missed),
        vague=findings.vague, vague_reasons=vague.reasons, off_topic=off_topic,
        contradictions=contradictions, injection=injection,
        feedback_zh=feedback_zh(entry, findings), feedback_en=feedback_en(entry, findings))


def _empty_grade(entry: Entry, injection: bool) -> AnswerGrade:
    points = [KeyPointResult(index=i, text_zh=kp.zh, text_en=kp.en, hit=False, strength=0.0)
              for i, kp in enumerate(entry.key_points)]
    missed = list(range(len(points)))
    findings = Findings(missed, True, False, [], injection, not injection)
    return AnswerGrade(score=0, key_points=points, hit=[], missed=missed, vague=True,
                       vague_reasons=["empty or meaningless answer"], off_topic=False,
                       injection=injection, feedback_zh=feedback_zh(entry, findings),
                       feedback_en=feedback_en(entry, findings))
