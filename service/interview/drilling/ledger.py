"""The claim ledger: what this candidate has said, in numbers, per project — and where it clashes.

The ledger starts from the résumé's project text (read by :mod:`.quantities`, like an answer) and
grows with every answer. :func:`conflicts` compares an answer's statements with the ledger:

* a metric value that matches neither the claimed result nor the claimed baseline
  ("简历上写 mAP@0.5 从 0.71 到 0.84" vs "mAP 大概 0.65");
* a "from A to B" whose ends differ from the claim's;
* an improvement ("只涨了 2 个点") far from the claimed one (0.71 → 0.84 is 13 points) — in
  answers about the metrics or the task, where numbers are headline numbers;
* a dataset total off by more than half (1.2 万张 vs "五千张左右").

Two numbers agree when they differ by at most 1.5 points or 2 % (people round; a demanding
interviewer does not confront 0.84 vs 0.85). A statement that clashes is not added to the ledger,
so the first-known number stays the reference; each clash is reported once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from service.interview.drilling.quantities import Statement, metric_statements, size_statements

SIZE_RATIO = 1.6


@dataclass(frozen=True)
class Conflict:
    key: str
    claim: str  # what the résumé (or an earlier answer) says, in its words
    said: str  # what the candidate just said, in their words
    source: str  # "resume" or "answer"

    def as_text(self) -> str:
        return f"{self.claim} vs said {self.said}"


def statements(text: str, sizes: bool = True) -> list[Statement]:
    return [*metric_statements(text), *(size_statements(text) if sizes else [])]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(1.5, 0.02 * max(abs(a), abs(b)))


def _clashes(known: Statement, new: Statement) -> bool:
    if known.key != new.key:
        return False
    if known.key.startswith("size:"):
        ratio = max(known.value, new.value) / max(min(known.value, new.value), 1e-9)
        return ratio > SIZE_RATIO
    claimed_delta = known.value if known.delta else (
        known.value - known.baseline if known.baseline is not None else None)
    if new.delta:
        if claimed_delta is None:
            return False
        return abs(new.value - claimed_delta) > max(1.5, 0.3 * abs(claimed_delta))
    if known.delta:
        return False  # "+4.1 points" says nothing about the absolute value
    if new.baseline is not None:
        bad_end = not _close(new.value, known.value)
        bad_start = known.baseline is not None and not _close(new.baseline, known.baseline)
        return bad_end or bad_start
    matches_baseline = known.baseline is not None and _close(new.value, known.baseline)
    if new.about_baseline and known.baseline is not None:
        return not matches_baseline
    return not (_close(new.value, known.value) or matches_baseline)


class Ledger:
    """Statements for one project; ``entries`` round-trip through the interview state."""

    def __init__(self, entries: list[dict[str, Any]] | None = None) -> None:
        self.entries = list(entries or [])

    @classmethod
    def from_claim(cls, claim: dict[str, Any]) -> Ledger:
        text = str(claim.get("raw") or "")
        ledger = cls()
        for statement in statements(text):
            ledger.entries.append({**asdict(statement), "source": "resume"})
        return ledger

    def _known(self) -> list[tuple[Statement, str]]:
        result = []
        for entry in self.entries:
            fields = {k: v for k, v in entry.items() if k != "source"}
            result.append((Statement(**fields), str(entry.get("source", "answer"))))
        return result

    def check(self, answer: str, point: str | None = None) -> list[Conflict]:
        """Conflicts of ``answer`` with the ledger; the answer's agreeing statements are added.
        Dataset totals are read only in answers about the data (elsewhere a count is rarely the
        total: "1200 张测试集", "30,000 notes a month"); improvements and "from A to B" only in
        answers about the metrics or the task (elsewhere they are one fix's or one ablation's
        share: "这一步涨了 4 个点", "without it MAPE went from 19.1 to 17.2")."""
        found: list[Conflict] = []
        known = self._known()
        for new in statements(answer, sizes=point in (None, "data")):
            if (new.delta or new.baseline is not None) and point not in (None, "metrics", "task"):
                continue  # elsewhere an improvement is one fix's share, not the headline
            clashes = [(k, src) for k, src in known if _clashes(k, new)]
            same_key = [k for k, _ in known if k.key == new.key
                        and (k.delta == new.delta or not k.delta)]  # a claimed delta never vouches
            if clashes and not any(not _clashes(k, new) for k in same_key):
                statement, source = clashes[0]
                found.append(Conflict(new.key, statement.said, new.said, source))
                continue
            if not any(k.key == new.key and k.said == new.said for k, _ in known):
                self.entries.append({**asdict(new), "source": "answer"})
        return found
