"""The claim ledger: what this candidate has claimed, per project — and where an answer clashes.

The ledger starts from the résumé's project text, read line by line (numbers by
:mod:`.quantities`, like an answer; models and team by :mod:`.identities`), and grows with every
answer. :meth:`Ledger.check` compares an answer with it:

* a metric value that matches neither the claimed result nor the claimed baseline
  ("简历上写 mAP@0.5 从 0.71 到 0.84" vs "mAP 大概 0.65"), or a "from A to B" whose ends differ;
* an improvement far from the claimed one ("只涨了 2 个点" against 0.71 → 0.84; "+0.83%" against
  "涨了 2.3 个点") — improvements are compared with improvements, values with values, so
  "+0.42%" and "千分之四点二" agree and "+4.1 points" says nothing about the absolute value;
* a dataset count that no claimed count (or their total) is near — not a subset ("35 hours of
  it", "其中 3000 张"), and, when both sides qualify the count ("SFT 数据"), against that one;
* another model of the same family, or the résumé's baseline passed off as the model;
* a count of a named thing ("capped at 1.5M Gaussians", "6 designers", "2.4 万道题") far from the
  claimed one (:mod:`.counts`);
* another team size, a solo claim that an answer shares, or a part someone else did claimed as
  one's own (:mod:`.team`);
* training GPUs, parameter counts, a batch size, learning rate or LoRA rank said otherwise — an
  answer that restates one claimed value of a kind speaks of several runs, not a clash;
* what only the résumé states: how long training ran, an ablation's drop, the device the model is
  served on, a split by group or time, how long the candidate was there (:mod:`.resume_facts`).

When numbers agree is :mod:`.agreement`'s to say. A statement that clashes is not added, so the
first-known claim stays the reference; each clash is reported once.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import asdict, dataclass
from typing import Any

from service.interview.drilling.agreement import clashes, comparable, size_clashes
from service.interview.drilling.counts import Count, count_conflicts, counts
from service.interview.drilling.hardware import (
    GpuClaim,
    gpu_claims,
    gpu_conflicts,
    mentions_training,
)
from service.interview.drilling.identities import (
    model_conflicts,
    parse_model,
    resume_models,
    with_layers,
)
from service.interview.drilling.measures import (
    footprint_statements,
    latency_statements,
    trial_statements,
)
from service.interview.drilling.parameters import (
    ParamClaim,
    bare_counts,
    param_claims,
    param_conflicts,
)
from service.interview.drilling.quantities import (
    Statement,
    metric_statements,
    named_metrics,
)
from service.interview.drilling.resume_facts import resume_fact_conflicts, resume_fact_entries
from service.interview.drilling.settings import Setting, setting_claims, setting_conflicts
from service.interview.drilling.sizes import size_statements
from service.interview.drilling.team import TeamClaims, resume_team, team_conflicts

_FIELDS = {f.name for f in dataclasses.fields(Statement)}


@dataclass(frozen=True)
class Conflict:
    key: str
    claim: str  # what the résumé (or an earlier answer) says, in its words
    said: str  # what the candidate just said, in their words
    source: str  # "resume" or "answer"

    def as_text(self) -> str:
        return f"{self.claim} vs said {self.said}"


def statements(text: str, sizes: bool = True, resume: bool = False,
               own: frozenset[str] = frozenset()) -> list[Statement]:
    metrics = metric_statements(text, resume, own)
    if not any(s.key == "metric:latency" for s in metrics):
        metrics += latency_statements(text)
    return [*metrics, *footprint_statements(text), *trial_statements(text),
            *(size_statements(text, resume) if sizes else [])]


_BULLET = re.compile(r"^[ \t]*(?:[-*•·]|\d+[.)、])[ \t]+", re.M)


def _count_entry(count: Count, source: str) -> dict[str, Any]:
    """A count as a ledger entry (entries round-trip through the interview state as JSON)."""
    return {"key": f"count:{count.noun}", "value": count.value, "grain": count.grain,
            "said": count.said, "context": sorted(count.context), "source": source}


def _setting_entry(setting: Setting, source: str) -> dict[str, Any]:
    return {"key": "setting", "setting": setting.key, "value": setting.value,
            "said": setting.said, "source": source}


class Ledger:
    """Claims for one project; ``entries`` (dicts) round-trip through the interview state."""

    def __init__(self, entries: list[dict[str, Any]] | None = None) -> None:
        self.entries = list(entries or [])

    @classmethod
    def from_claim(cls, claim: dict[str, Any]) -> Ledger:
        text = str(claim.get("raw") or "")
        ledger = cls()
        own = named_metrics(text)
        if own:
            ledger.entries.append({"key": "metric-names", "names": sorted(own), "source": "resume"})
        for line in text.splitlines():
            for statement in statements(line, resume=True, own=own):
                ledger.entries.append({**asdict(statement), "source": "resume"})
        for model, role, words in resume_models(text):
            if model.name.lower() in own:  # "minFDE6 1.57 → 1.43" names a metric, not a model
                continue
            ledger.entries.append({"key": f"model:{model.family}", "name": model.name,
                                   "role": role, "said": words, "source": "resume"})
        ledger.entries += [_count_entry(c, "resume") for line in text.splitlines()
                           for c in counts(line)]
        ledger.entries += [_setting_entry(s, "resume") for line in text.splitlines()
                           for s in setting_claims(line)]
        for gpu in (g for line in text.splitlines() for g in gpu_claims(line)):
            ledger.entries.append({"key": "hardware:gpu", "gpu": gpu.gpu, "count": gpu.count,
                                   "said": gpu.said, "source": "resume"})
        for group in param_claims(text):
            ledger.entries += [{"key": "params", "count": c.count, "said": c.said,
                                "source": "resume"} for c in group]
        ledger.entries += ledger._team_entries(resume_team(text), "resume")
        ledger.entries += resume_fact_entries(text, claim.get("period"))
        return ledger

    def _known(self) -> list[tuple[Statement, str]]:
        result = []
        for entry in self.entries:
            key = str(entry.get("key", ""))
            if key.startswith(("metric:", "size:")):
                fields = {k: v for k, v in entry.items() if k in _FIELDS}
                fields["context"] = tuple(fields.get("context") or ())
                result.append((Statement(**fields), str(entry.get("source", "answer"))))
        return result

    def _models(self) -> list[tuple[Any, str, str]]:
        found = []
        for entry in self.entries:
            if str(entry.get("key", "")).startswith("model:"):
                name = str(entry.get("name", ""))  # "4 层 TinyBERT": its words keep the depth
                parsed = with_layers(parse_model(name), str(entry.get("said", "")), name)
                if parsed is not None:
                    found.append((parsed, str(entry.get("role", "own")), str(entry["said"])))
        return found

    def _team(self) -> TeamClaims:
        size = next(((int(e["value"]), str(e["said"])) for e in self.entries
                     if e.get("key") == "team:size"), None)
        def parts(key: str) -> tuple[tuple[set[str], str], ...]:
            return tuple((set(e.get("what") or ()), str(e["said"])) for e in self.entries
                         if e.get("key") == key)

        return TeamClaims(size, parts("team:solo"), parts("team:others"))

    def _source(self, said: str) -> str:
        return next((str(e.get("source", "answer")) for e in self.entries if e.get("said") == said),
                    "resume")

    def check(self, answer: str, point: str | None = None) -> list[Conflict]:
        """Conflicts of ``answer`` with the ledger; the answer's agreeing statements are added.
        Dataset counts are read in answers about the data or the task (elsewhere a count is
        rarely the total: "1200 张测试集", "30,000 notes a month"); improvements and "from A to B"
        only in answers about the metrics or the task (elsewhere they are one fix's or one
        ablation's share); models in answers about the model, the task or the training."""
        found = self._numbers(answer, point)
        if point in (None, "model", "task", "training"):
            found += [Conflict(key, claim, said, self._source(claim))
                      for key, claim, said in model_conflicts(answer, self._models(),
                                                              main=point in (None, "model", "task"))]
        found += self._people(answer)
        if point in (None, "training") or mentions_training(answer):  # "只有 3090…全参数训练"
            found += self._hardware(answer)
        if point in (None, "model", "task"):
            found += self._params(answer)
        found += self._counts(answer)
        found += self._settings(answer)
        found += [Conflict(key, claim, said, "resume")
                  for key, claim, said in resume_fact_conflicts(self.entries, answer, point)]
        unique: dict[str, Conflict] = {}
        for conflict in found:  # the résumé's words are quoted back without their list marker
            unique.setdefault(conflict.key, dataclasses.replace(
                conflict, claim=_BULLET.sub("", conflict.claim)))
        return list(unique.values())

    def _people(self, answer: str) -> list[Conflict]:
        """Team claims that clash; an answer's own ("my teammates trained the N-BEATS model")
        joins the ledger, so a later "I trained the N-BEATS model myself" is confronted."""
        found = [Conflict(key, claim, said, self._source(claim))
                 for key, claim, said in team_conflicts(answer, self._team())]
        if not found:
            self.entries += self._team_entries(resume_team(answer), "answer")
        return found

    def _team_entries(self, team: TeamClaims, source: str) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = []
        if team.size is not None and not any(e.get("key") == "team:size" for e in self.entries):
            entries.append({"key": "team:size", "value": team.size[0], "said": team.size[1],
                            "source": source})
        for key, claims in (("team:solo", team.solo), ("team:others", team.others)):
            entries += [{"key": key, "what": sorted(what), "said": words, "source": source}
                        for what, words in claims]
        return entries

    def _hardware(self, answer: str) -> list[Conflict]:
        """Training GPUs that clash with the claimed ones; agreeing ones join the ledger."""
        claimed = [GpuClaim(str(e["gpu"]), e.get("count"), str(e["said"])) for e in self.entries
                   if e.get("key") == "hardware:gpu"]
        stated = gpu_claims(answer, require_training=False)
        clashes = gpu_conflicts(stated, claimed)
        if not clashes and mentions_training(answer):
            known = {c.said for c in claimed}
            self.entries += [{"key": "hardware:gpu", "gpu": g.gpu, "count": g.count,
                              "said": g.said, "source": "answer"}
                             for g in stated if g.said not in known]
        return [Conflict("hardware:gpu", claim, said, self._source(claim))
                for claim, said in clashes]

    def _settings(self, answer: str) -> list[Conflict]:
        """A batch size or LoRA rank said otherwise before; a setting nobody stated yet joins the
        ledger."""
        claimed = [Setting(str(e["setting"]), float(e["value"]), str(e["said"]))
                   for e in self.entries if e.get("key") == "setting"]
        stated = setting_claims(answer)
        clashes = setting_conflicts(stated, claimed)
        known = {c.key for c in claimed}
        self.entries += [_setting_entry(s, "answer") for s in stated if s.key not in known]
        return [Conflict(key, claim, said, self._source(claim)) for key, claim, said in clashes]

    def _counts(self, answer: str) -> list[Conflict]:
        """Counts of named things ("1.5M Gaussians", "6 designers") that no claim of the same noun
        is near; a noun nobody claimed yet joins the ledger."""
        claimed = [Count(str(e["key"]).removeprefix("count:"), float(e["value"]),
                         float(e.get("grain") or 0.0), str(e["said"]),
                         frozenset(e.get("context") or ()))
                   for e in self.entries if str(e.get("key", "")).startswith("count:")]
        stated = counts(answer)
        clashes = count_conflicts(stated, claimed)
        known = {c.noun for c in claimed}
        self.entries += [_count_entry(c, "answer") for c in stated if c.noun not in known]
        return [Conflict(key, claim, said, self._source(claim)) for key, claim, said in clashes]

    def _params(self, answer: str) -> list[Conflict]:
        """A parameter count no claimed count is near; with none claimed yet, the answer's join."""
        claimed = [ParamClaim(float(e["count"]), str(e["said"])) for e in self.entries
                   if e.get("key") == "params"]
        stated = param_claims(answer)
        clashes = param_conflicts(stated, claimed, bare_counts(answer))
        if not claimed:
            self.entries += [{"key": "params", "count": c.count, "said": c.said,
                              "source": "answer"} for counts in stated for c in counts]
        return [Conflict("params", claim, said, self._source(claim))
                for claim, said in clashes]

    def _numbers(self, answer: str, point: str | None) -> list[Conflict]:
        found: list[Conflict] = []
        known = self._known()
        own = frozenset(name for e in self.entries if e.get("key") == "metric-names"
                        for name in e.get("names") or ())
        said = statements(answer, sizes=point in (None, "data", "task"), own=own)
        # an answer that restates one claimed count of a kind speaks of several sets ("637 pairs …
        # about ten thousand tiles … cropped into 256 tiles"): its other counts of it are no clash,
        # unless a qualifier pins one to a claim ("人工转写的八百多小时" against "人工转写 420 小时")
        vouched = {new.key for new in said if new.key.startswith("size:")
                   and (sizes := [k for k, _ in known if k.key == new.key])
                   and not size_clashes(sizes, new)}
        for new in said:
            if new.key.startswith("metric:") and point in ("data", "training", "contribution"):
                continue  # "a random split gave an AUC of 0.80": a setting's number, not the claim
            if (new.delta or new.baseline is not None) and point not in (None, "metrics", "task"):
                continue  # elsewhere an improvement is one fix's share, not the headline
            if new.key.startswith("size:"):
                sizes = [k for k, _ in known if k.key == new.key]
                pinned = any(set(k.context) & set(new.context) for k in sizes)
                if sizes and (pinned or new.key not in vouched) and size_clashes(sizes, new):
                    claim = next(k for k, _ in known if k.key == new.key and not k.part)
                    source = next(s for k, s in known if k is claim)
                    found.append(Conflict(new.key, claim.said, new.said, source))
                    continue
            else:
                same_key = [k for k, _ in known if comparable(k, new)
                            and (k.delta == new.delta or not k.delta)]  # a delta never vouches
                wrong = [(k, src) for k, src in known if comparable(k, new) and clashes(k, new)]
                if wrong and not any(not clashes(k, new) for k in same_key):
                    statement, source = wrong[0]
                    found.append(Conflict(new.key, statement.said, new.said, source))
                    continue
            if not any(k.key == new.key and k.said == new.said for k, _ in known):
                self.entries.append({**asdict(new), "source": "answer"})
        return found
