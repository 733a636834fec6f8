"""Claimed numbers: "mAP@0.5 从 0.712 提升到 0.786", "F1=0.91", "准确率提升 5%", "1.8x speedup",
"Top 3%", "第 12 名", "省级一等奖".

Per clause (split at ，,；;。 and line breaks; never inside "0.78"), every number that is not a
date, a data size ("3.2 万张图片") or part of a name ("YOLOv8", "Recall@5", "Qwen2-7B") is paired
with the nearest metric name *before* it (≤ 20 chars, no other number in between), else with a
metric name right *after* it ("95% accuracy", "2x speedup"), else — if it is an improvement
("提升 5%") — with "unspecified". "从 A 提升到 B" / "from A to B" / "A → B" give value B with
baseline A; "（基线 0.86）" attaches a baseline to the clause's last metric; "分别 / respectively"
zips names and numbers in order. Ranks ("Top 5%", "第 1 名", "1st place") and awards ("一等奖",
"gold medal") are extracted separately with ``metric`` "rank" / "award". A fraction keeps its
denominator in ``out_of`` and in ``raw``: "排名 15/120", "第 12 名/450 支队伍", "准确率 45/50".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.resume import vocab
from service.resume.facets import PERIOD, data_spans
from service.resume.models import Metric

_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.@/\-])(?P<sign>[+\-]?)(?P<value>\d+(?:\.\d+)?)"
    r"(?:\s*/\s*(?P<total>\d+(?:\.\d+)?)(?![\d/]))?\s*(?P<unit>%|％|‰|个百分点|个点|pp(?![a-z])|points?(?![a-z])|"
    r"倍|x(?![A-Za-z0-9])|×(?!\d)|ms(?![a-z])|毫秒|秒|s(?![A-Za-z])|fps(?![a-z])|小时|h(?![a-z])|天|"
    r"分钟|min(?![a-z])|GB|MB|KB|万)?", re.IGNORECASE)
_SIZE_UNITS = ("kb", "mb", "gb")
# A size in KB/MB/GB is a metric's value only for these ("显存 6GB", "model size 38 KB").
_SIZE_METRICS = re.compile(r"显存|内存|memory|参数|size|体积|大小|footprint", re.IGNORECASE)
_ASIDE = re.compile(r"[（(][^()（）]{0,40}[)）]")
# "排名 15/120", "第 12 名/450 支队伍", "3rd place out of 500 teams": the field size after a rank.
_OUT_OF = re.compile(r"\s*(?:/|of|out of|共)\s*(\d+)\s*(?:支参赛队伍|支队伍|支队|个队伍|队伍|个队|队|名|人|"
                     r"teams?|participants?|entries)?", re.IGNORECASE)
_CLAUSE = re.compile(r"[，,；;。！!？?\n]|\.(?=\s|$)")
_TO = re.compile(r"^\s*(?:→|->|=>|~>|to|到|变为|降[到至]"
                 r"|(?:提升|提高|增加|增长|上升|降低|减少|缩短)[到至])\s*$", re.IGNORECASE)
_BASELINE = re.compile(r"(?:基线|baseline|基准|相比|对比|compared (?:to|with)|vs\.?|from|原)"
                       r"\s*(?:为|of|是)?\s*$", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"分别|respectively", re.IGNORECASE)
_DELTA_UNITS = ("个百分点", "个点", "pp", "point", "points")
_RELATIVE_UNITS = ("%", "％", "倍", "x", "×", *_DELTA_UNITS)
_RANKS = re.compile(
    r"(?<![A-Za-z])Top[\s-]?(\d+(?:\.\d+)?)\s*(%)?(?!\s?(?:acc|准确率|error|-?\d))"
    r"|第\s*([一二三四五六七八九十\d]+)\s*名|(?<!\d)(\d+)(?:st|nd|rd|th)\s+place"
    r"|rank(?:ed)?\s*#?\s*(\d+)|排名\s*(?:前)?\s*(\d+(?:\.\d+)?)\s*(%)?", re.IGNORECASE)
_AWARD = re.compile(r"(?:国家级|省级|市级|校级|国际|全国|赛区)?(?:" + vocab.AWARDS.pattern + ")",
                    re.IGNORECASE)
_CN_DIGITS = {ch: i for i, ch in enumerate("一二三四五六七八九十", start=1)}


@dataclass
class _Num:
    start: int
    end: int
    value: float
    unit: str | None
    signed: bool
    total: float | None = None  # "15/120": the denominator


def _mask(text: str) -> str:
    """Blank out dates and data sizes so their digits are never read as metric values."""
    chars = list(text)
    spans = [(m.start(), m.end()) for m in PERIOD.finditer(text)]
    spans += [(s, e) for s, e, label in data_spans(text) if re.search(r"\d", label)]
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _numbers(segment: str, names: list[re.Match[str]]) -> list[_Num]:
    result = []
    for m in _NUMBER.finditer(segment):
        if any(n.start() <= m.start() < n.end() for n in names):
            continue
        unit, total = m.group("unit"), m.group("total")
        value = float(m.group("value")) * (-1 if m.group("sign") == "-" else 1)
        result.append(_Num(m.start(), m.end(), value, unit.lower() if unit else None,
                           bool(m.group("sign")), float(total) if total else None))
    return result


def _name_before(num: _Num, names: list[re.Match[str]], nums: list[_Num],
                 segment: str) -> re.Match[str] | None:
    best = None
    for name in names:
        if name.end() <= num.start and num.start - name.end() <= 20:
            best = name
    if best is None or any(best.end() <= n.start < num.start for n in nums):
        return None
    return best if "\n" not in segment[best.end():num.start] else None


def _name_after(num: _Num, names: list[re.Match[str]], segment: str) -> re.Match[str] | None:
    for name in names:
        gap = segment[num.end:name.start()]
        if name.start() >= num.end and len(gap) <= 4 and re.fullmatch(r"\s*(?:的|of)?\s*", gap):
            return name
    return None


def _is_delta(num: _Num, context: str) -> bool:
    if num.signed or (num.unit or "") in _DELTA_UNITS:
        return True
    return bool(vocab.DELTA_UP.search(context) or vocab.DELTA_DOWN.search(context))


class _ClauseReader:
    """Pairs names and numbers inside one clause ``segment`` starting at ``offset`` in the text."""

    def __init__(self, text: str, segment: str, offset: int) -> None:
        self.text, self.segment, self.offset = text, segment, offset
        self.names = list(vocab.METRIC_NAMES.finditer(segment))
        self.nums = _numbers(segment, self.names)
        self.out: list[Metric] = []

    def raw(self, start: int, end: int) -> str:
        return re.sub(r"\s+", " ", self.text[self.offset + start:self.offset + end]).strip()

    def read(self) -> list[Metric]:
        if _RESPECTIVELY.search(self.segment) and 1 < len(self.names) == len(self.nums):
            for name, num in zip(self.names, self.nums, strict=True):
                self.emit(name.group(0), num, None, False, 0, len(self.segment))
            return self.out
        skip: set[int] = set()
        for i, num in enumerate(self.nums):
            if i not in skip:
                skip |= self.pair(i, num)
        return self.out

    def pair(self, i: int, num: _Num) -> set[int]:
        before = self.segment[max(0, num.start - 12):num.start]
        if self.out and _BASELINE.search(before) and self.out[-1].baseline is None:
            self.out[-1].baseline = num.value
            return set()
        name = _name_before(num, self.names, self.nums, self.segment)
        after = None if name else _name_after(num, self.names, self.segment)
        named = name or after
        if num.unit in _SIZE_UNITS and not _SIZE_METRICS.search(named.group(0) if named else ""):
            return set()  # "38 KB model size" next to "accuracy" is not an accuracy of 38
        nxt = self.nums[i + 1] if i + 1 < len(self.nums) else None
        # "from 0.71 (legal-BERT baseline) to 0.79": an aside between the two ends
        if nxt and _TO.match(_ASIDE.sub(" ", self.segment[num.end:nxt.start])):
            name = name or self._last_name_before(num)
            start = name.start() if name else num.start
            metric = name.group(0) if name else "unspecified"
            self.emit(metric, nxt, num.value, False, start, nxt.end)
            return {i + 1}
        found = name or after
        context_start = name.start() if name else 0
        context = self.segment[context_start:num.start]
        if after:
            context += self.segment[after.end():after.end() + 10]
        delta = _is_delta(num, context)
        if found is None and not (delta and (num.unit or "") in _RELATIVE_UNITS):
            return set()
        start = min(found.start(), num.start) if found else self._phrase_start(num)
        end = max(found.end(), num.end) if found else num.end
        self.emit(found.group(0) if found else "unspecified", num, None, delta, start, end)
        return set()

    def _last_name_before(self, num: _Num) -> re.Match[str] | None:
        """"WER on a 12-hour held-out set … reduced from 18.7% to 12.9%": a from/to pair belongs
        to the clause's last metric named before it, however far, when no other pair sits between."""
        names = [n for n in self.names if n.end() <= num.start]
        if not names or any(names[-1].end() <= m.start < num.start and m.unit not in (
                None, "h", "小时") for m in self.nums):
            return None
        return names[-1]

    def _phrase_start(self, num: _Num) -> int:
        """For an unnamed improvement, start a few characters before its verb ("性能提升 10%")."""
        verbs = [*vocab.DELTA_UP.finditer(self.segment, 0, num.start),
                 *vocab.DELTA_DOWN.finditer(self.segment, 0, num.start)]
        if not verbs:
            return num.start
        return max(0, max(v.start() for v in verbs) - 6)

    def emit(self, metric: str, num: _Num, baseline: float | None, delta: bool, start: int,
             end: int) -> None:
        self.out.append(Metric(metric=re.sub(r"\s+", " ", metric), value=num.value, unit=num.unit,
                               baseline=baseline, is_delta=delta, out_of=num.total,
                               raw=self.raw(start, end)))


def _rank_value(match: re.Match[str]) -> tuple[float | None, str | None]:
    groups = match.groups()
    number = next((g for g in (groups[0], groups[2], groups[3], groups[4], groups[5]) if g), None)
    unit = "%" if (groups[1] or groups[6]) else None
    if number is None:
        return None, unit
    if number in _CN_DIGITS:
        return float(_CN_DIGITS[number]), unit
    return (float(number), unit) if re.fullmatch(r"\d+(?:\.\d+)?", number) else (None, unit)


def _ranks_and_awards(text: str) -> list[Metric]:
    found = []
    for match in _RANKS.finditer(text):
        value, unit = _rank_value(match)
        out_of = None if unit else _OUT_OF.match(text, match.end())
        end = out_of.end() if out_of else match.end()
        found.append((match.start(), Metric(
            metric="rank", value=value, unit=unit, out_of=float(out_of.group(1)) if out_of else None,
            raw=re.sub(r"\s+", " ", text[match.start():end]).strip())))
    for match in _AWARD.finditer(text):
        found.append((match.start(), Metric(metric="award", value=None, raw=match.group(0))))
    return [metric for _, metric in sorted(found, key=lambda pair: pair[0])]


def extract_metrics(text: str) -> list[Metric]:
    """All claimed numbers of one item, in text order, deduplicated."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # 10,000 -> 10000
    masked = _mask(text)
    metrics: list[Metric] = []
    start = 0
    for boundary in [*_CLAUSE.finditer(masked), None]:
        end = boundary.start() if boundary else len(masked)
        metrics += _ClauseReader(text, masked[start:end], start).read()
        start = boundary.end() if boundary else end
    metrics += _ranks_and_awards(text)
    seen: set[tuple[str, float | None, str]] = set()
    unique = []
    for metric in metrics:
        key = (metric.metric.casefold(), metric.value, metric.raw)
        if key not in seen:
            seen.add(key)
            unique.append(metric)
    return unique
