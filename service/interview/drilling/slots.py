"""What a complete answer holds, per drilling point: slots, and when an answer may be let go.

Each of the eight points (task, model, training, data, difficulty, novelty, metrics,
contribution) has slots — the things a demanding senior interviewer wants pinned down. A slot has

* ``fill`` — a pattern that finds it stated *concretely* in one clause (a number with its
  unit, a name, a mechanism), on normalized text;
* ``cue`` — a pattern that finds it merely *mentioned* ("学习率", "the data") — mentioned is
  not filled, and is what a press quotes when nothing evasive was said;
* ``exemplars`` — how candidates state it concretely, Chinese and English, for the embedding
  model (a clause close in meaning to an exemplar, with concrete content, fills the slot even
  when no pattern fires);
* ``ask`` — how the interviewer asks for exactly this slot (zh, en).

:data:`RULES` says when a point may be let go: the slots it must have, and how many in total
(``min_filled`` out of the point's slots, with at least one of ``any_of``). Patterns are written
for the way people *speak* about projects; the labelled dev set in ``tests/service`` checks them,
and a held-out set over other résumés checks that they generalize.
"""

from __future__ import annotations

from service.interview.drilling.slot_base import NUM_ANY, N, Rule, Slot
from service.interview.drilling.slot_table import GROUPS, METRIC_NAME

__all__ = [
    "BY_KEY",
    "METRIC_NAME",
    "NUM_ANY",
    "RULES",
    "SLOTS",
    "N",
    "Rule",
    "Slot",
    "missing_for",
    "satisfied",
]

SLOTS: dict[str, tuple[Slot, ...]] = {group[0].point: tuple(group) for group in GROUPS}
BY_KEY: dict[str, Slot] = {s.key: s for group in SLOTS.values() for s in group}

RULES: dict[str, Rule] = {
    "task": Rule(required=("io",), min_filled=2, any_of=("goal", "scale")),
    "model": Rule(required=("arch",), min_filled=2, any_of=("change", "why")),
    "training": Rule(required=(), min_filled=3, any_of=("lr", "batch", "epochs")),
    "data": Rule(required=("size",), min_filled=3),
    "difficulty": Rule(required=("problem", "solution"), min_filled=3),
    "novelty": Rule(required=("what_new", "evidence"), min_filled=2),
    "metrics": Rule(required=("metric", "result"), min_filled=3),
    "contribution": Rule(required=("own_part",), min_filled=2),
}


def satisfied(point: str, filled: set[str]) -> bool:
    """Whether the slots in ``filled`` (names, not keys) let ``point`` go."""
    rule = RULES[point]
    names = {s.name for s in SLOTS[point]} & filled
    return (all(r in names for r in rule.required) and len(names) >= rule.min_filled
            and (not rule.any_of or any(a in names for a in rule.any_of)))


def missing_for(point: str, filled: set[str]) -> list[Slot]:
    """The slots to ask for, most essential first: required ones, then the ``any_of`` ones, then
    the rest, only as many as the rule still needs (at most three)."""
    rule = RULES[point]
    order = [*rule.required, *(a for a in rule.any_of if a not in rule.required)]
    order += [s.name for s in SLOTS[point] if s.name not in order]
    gaps = [n for n in order if n not in filled]
    need = max(rule.min_filled - len(filled & {s.name for s in SLOTS[point]}), 0)
    need = max(need, sum(1 for r in rule.required if r not in filled))
    if rule.any_of and not any(a in filled for a in rule.any_of):
        need = max(need, 1)
    by_name = {s.name: s for s in SLOTS[point]}
    return [by_name[n] for n in gaps[:max(1, min(3, need))]]
