"""Claims only the résumé makes, held against every answer: how long training ran, the ablations,
whose number each baseline was, where the model is served, how the data was split, and how long
the candidate was there.

Unlike numbers, models and people (which an answer may state first and a later answer must then
agree with), these are read from the résumé alone: an answer that states them first is no
reference, since candidates round them freely ("跑了一天多", "about a week there"). Each kind is
read and compared by its own module (:mod:`.traintime`, :mod:`.ablations`, :mod:`.hardware`,
:mod:`.splits`, :mod:`.durations`); this module turns them into ledger entries (plain dicts that
round-trip through the interview state as JSON) and back.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from service.interview.drilling.ablations import Ablation, ablation_conflicts, ablations
from service.interview.drilling.baselines import BaselineOf, baseline_conflicts, resume_baselines
from service.interview.drilling.durations import Stay, resume_stay, stay_conflicts
from service.interview.drilling.hardware import GpuClaim, serving_conflicts, serving_devices
from service.interview.drilling.splits import random_split_claims, resume_split
from service.interview.drilling.traintime import TrainTime, train_time_conflicts, train_times

# the points whose answers state an ablation ("去掉它 AUROC 掉 1.3"); elsewhere a drop is a fix's
ABLATION_POINTS = (None, "novelty", "difficulty", "metrics")
# … and whose number a baseline was, where the baseline is talked about
BASELINE_POINTS = (None, "metrics", "task", "novelty")


def resume_fact_entries(text: str, period: Any) -> list[dict[str, Any]]:
    """The ledger entries of ``text`` (a résumé project) for the claims only a résumé makes."""
    lines = text.splitlines()
    entries: list[dict[str, Any]] = [
        *({"key": "train-time", "hours": t.hours, "said": t.said}
          for line in lines for t in train_times(line, resume=True)),
        *({"key": "ablation", "metric": a.metric, "drop": a.drop, "said": a.said,
           "words": sorted(a.words)} for line in lines for a in ablations(line)),
        *({"key": "hardware:serve", "gpu": d.gpu, "said": d.said}
          for line in lines for d in serving_devices(line)),
        *({"key": "baseline-of", "value": b.value, "words": sorted(b.words), "said": b.said}
          for line in lines for b in resume_baselines(line))]
    split = resume_split(text)
    if split is not None:
        entries.append({"key": "split", "said": split})
    title = text.strip().splitlines()[0].lstrip("# ").strip() if text.strip() else ""
    stay = resume_stay(period, title)
    if stay is not None:
        entries.append({"key": "stay", **asdict(stay)})
    return [{**e, "source": "resume"} for e in entries]


def resume_fact_conflicts(entries: list[dict[str, Any]], answer: str,
                          point: str | None) -> list[tuple[str, str, str]]:
    """(key, the résumé's words, the answer's words) for each résumé-only claim ``answer``
    clashes with."""
    def of(key: str) -> list[dict[str, Any]]:
        return [e for e in entries if e.get("key") == key]

    found = [("hardware:serve", claim, said) for claim, said in serving_conflicts(
        serving_devices(answer), [GpuClaim(str(e["gpu"]), None, str(e["said"]))
                                  for e in of("hardware:serve")])]
    stay = next((Stay(float(e["low"]), float(e["high"]), str(e["said"])) for e in of("stay")), None)
    found += [("stay", claim, said) for claim, said in stay_conflicts(answer, stay)]
    for e in of("split")[:1]:
        found += [("split", str(e["said"]), said) for said in random_split_claims(answer)[:1]]
    if point in ABLATION_POINTS:
        drops = [Ablation(str(e["metric"]), float(e["drop"]), str(e["said"]),
                          frozenset(e.get("words") or ())) for e in of("ablation")]
        found += ablation_conflicts(ablations(answer), drops)
    if point in BASELINE_POINTS:
        owners = [BaselineOf(float(e["value"]), frozenset(e.get("words") or ()), str(e["said"]))
                  for e in of("baseline-of")]
        found += [("baseline-of", claim, said) for claim, said in baseline_conflicts(answer, owners)]
    claimed = [TrainTime(float(e["hours"]), str(e["said"])) for e in of("train-time")]
    found += [("train-time", claim, said)
              for claim, said in train_time_conflicts(train_times(answer), claimed)]
    return found
