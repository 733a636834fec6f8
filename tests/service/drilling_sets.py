"""The labelled drilling sets, and replaying one answer through the real engine.

Shared by ``test_drilling_dev_set.py`` and ``benchmarks/drilling.py``. The engine's own splits
(:data:`SPLITS`, over ``drilling_resumes.yaml``) were written by its first engineer; the
independent split (:data:`INDEPENDENT`, over ``drilling_indep_resumes.yaml``) by someone who never
saw the engine — half of it; the other half is held out. Each item is replayed in a
fresh interview state positioned at the item's project and point (with the item's ``prior`` slots
already given), so the decision is the engine's own: pressed (same point, depth + 1), confronted
(a contradiction quoted), or let go (another point).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from service.interview.directives import Directive
from service.interview.drilling.ledger import Ledger
from service.interview.engine import InterviewEngine
from service.interview.state import PROJECT_POINTS, InterviewState, PointResult, ProjectProgress
from service.resume.claims import extract_claims

HERE = Path(__file__).parent
SPLITS = ("dev", "holdout", "fresh", "blind")
INDEPENDENT = ("indep", "indep2", "indep3", "indep4", "indep5", "indep6", "indep7", "indep8",
               "indep9", "indep10", "indep11")
CLASSES = ("classes", "recheck")  # the failure classes in new answers: before and after the change
ALL_SPLITS = SPLITS + INDEPENDENT + CLASSES
RESUME_FILES = ("drilling_resumes.yaml", "drilling_indep_resumes.yaml",
                "drilling_classes_resumes.yaml", "drilling_indep2_resumes.yaml",
                "drilling_indep3_resumes.yaml", "drilling_indep4_resumes.yaml",
                "drilling_indep5_resumes.yaml", "drilling_indep6_resumes.yaml",
                "drilling_indep7_resumes.yaml", "drilling_indep8_resumes.yaml",
                "drilling_indep9_resumes.yaml", "drilling_indep10_resumes.yaml",
                "drilling_indep11_resumes.yaml")


@lru_cache(maxsize=1)
def resumes() -> dict[str, dict[str, Any]]:
    """Every résumé of every split by key (``project`` in an item indexes ``claims``)."""
    data: dict[str, dict[str, Any]] = {}
    for name in RESUME_FILES:
        data.update(yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["resumes"])
    for resume in data.values():
        resume["claims"] = [c.model_dump(mode="json") for c in extract_claims(resume["text"])]
    return data


@lru_cache(maxsize=4)
def items(split: str) -> list[dict[str, Any]]:
    path = HERE / f"drilling_{split}_set.yaml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["items"])


@dataclass
class Outcome:
    item: dict[str, Any]
    decision: str  # "press" or "let_go"
    directive: Directive
    filled: set[str]
    seconds: float

    @property
    def right(self) -> bool:
        return self.decision == self.item["label"]

    @property
    def confronted(self) -> bool:
        return bool(self.directive.contradiction)


def state_for(item: dict[str, Any]) -> InterviewState:
    resume = resumes()[item["resume"]]
    claim = resume["claims"][item["project"]]
    points = [PointResult(point=p) for p in PROJECT_POINTS]
    index = PROJECT_POINTS.index(item["point"])
    points[index].slots = {name: "(said earlier)" for name in item.get("prior") or []}
    ledger = Ledger.from_claim(claim)
    for earlier in item.get("earlier") or []:  # said before in this project: into the ledger
        ledger.check(earlier["answer"], earlier["point"])
    project = ProjectProgress(name=str(claim["name"]), claim=claim, points=points,
                              ledger=ledger.entries)
    return InterviewState(track=resume["track"], language=resume["language"], length="standard",
                          stage="project", projects=[project], point_index=index,
                          depth=1 if item.get("prior") else 0)


def replay(engine: InterviewEngine, item: dict[str, Any]) -> Outcome:
    state = state_for(item)
    depth = state.depth
    started = time.perf_counter()
    step = engine.on_message(state, item["answer"])
    seconds = time.perf_counter() - started
    directive = step.directive
    pressed = directive.point == item["point"] and directive.depth == depth + 1
    filled = set((step.analysis or {}).get("filled") or {})
    return Outcome(item, "press" if pressed else "let_go", directive, filled, seconds)


_QUOTED = re.compile(r"「([^」]+)」|“([^”]+)”|\"([^\"]+)\"")


def names_candidate_words(line: str, answer: str) -> bool:
    """A press picks up what was said: the line quotes (「…」 or "…") at least four characters
    the candidate said, or repeats five characters (Chinese) / three words (English) of it."""
    said = " ".join(answer.split()).lower()
    for match in _QUOTED.finditer(line):
        quoted = next(g for g in match.groups() if g is not None).strip(" …").lower()
        if len(quoted) >= 4 and quoted in said:
            return True
    flat = " ".join(line.split()).lower()
    if re.search(r"[\u4e00-\u9fff]", said):
        return any(said[i:i + 5] in flat for i in range(len(said) - 4)
                   if re.fullmatch(r"[\u4e00-\u9fff]{5}", said[i:i + 5]))
    words = said.split()
    return any(" ".join(words[i:i + 3]) in flat for i in range(len(words) - 2))


@dataclass
class Scores:
    """What the benchmark and the tests report for one split."""

    n: int
    decisions: float
    decisions_no_conflict: float
    conflicts: int
    confronted: int
    false_alarms: int
    weak: int
    weak_pressed: int
    precision: float
    recall: float

    def line(self) -> str:
        return (f"n={self.n:3d}  decisions {self.decisions:.3f} ({self.decisions_no_conflict:.3f} "
                f"without conflict items)  conflicts confronted {self.confronted}/{self.conflicts}"
                f", false alarms {self.false_alarms}  weak pressed {self.weak_pressed}/{self.weak}"
                f"  slots P {self.precision:.3f} R {self.recall:.3f}")


def scores(outcomes: list[Outcome]) -> Scores:
    plain = [o for o in outcomes if not o.item.get("conflict")]
    weak = [o for o in outcomes if str(o.item["resume"]).startswith("weak")]
    tp = sum(len(o.filled & set(o.item["slots"])) for o in outcomes)
    fp = sum(len(o.filled - set(o.item["slots"])) for o in outcomes)
    fn = sum(len(set(o.item["slots"]) - o.filled) for o in outcomes)
    return Scores(
        n=len(outcomes), decisions=sum(o.right for o in outcomes) / max(len(outcomes), 1),
        decisions_no_conflict=sum(o.right for o in plain) / max(len(plain), 1),
        conflicts=sum(bool(o.item.get("conflict")) for o in outcomes),
        confronted=sum(o.confronted for o in outcomes if o.item.get("conflict")),
        false_alarms=sum(o.confronted for o in plain), weak=len(weak),
        weak_pressed=sum(o.decision == "press" for o in weak),
        precision=tp / max(tp + fp, 1), recall=tp / max(tp + fn, 1))
