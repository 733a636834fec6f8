"""When a new number agrees with a claimed one: the tolerances of the claim ledger.

Values agree within 1.2 points, less for small numbers (10 % of the smaller, down to 0.12: an
error rate of 3.6 is not 4.8, a minFDE of 1.75 is not 1.57), 2 % beyond 100, and more for a
hedged round number ("大概八成" is 75–85). Improvements are compared with improvements, within
30 % (or their relative share: "+5 %" against 40 → 42 is 2 points); "+4.1 points" says nothing
about the absolute value. Counts agree within a factor :data:`SIZE_RATIO`, ranges ("一万多张") by
overlap, and a count near a part the résumé names ("其中攻击样本 5.2 万张") agrees too.
"""

from __future__ import annotations

import re

from service.interview.drilling.quantities import SMALL_SCALE, Statement, to_points

SIZE_RATIO = 1.35
FLOOR_MIN, FLOOR_SHARE = 0.1, 0.07  # the smallest floor (× the point floor) and its share of a value


def _close(a: float, b: float, grain: float = 0.0, floor: float = 1.2) -> bool:
    """Within ``floor`` points (less for a small number: an error rate of 3.6 is not 4.8) or a
    hedge's ``grain``; beyond a 100-point scale (latency in ms, perplexity) within 2 % too.
    "TEDS 93.2" against a claimed 91.7 is not a rounding."""
    scale, low = max(abs(a), abs(b)), min(abs(a), abs(b))
    floor = min(floor, max(FLOOR_MIN * floor, FLOOR_SHARE * low))
    return abs(a - b) <= max(floor, 0.02 * scale if scale > 100 else 0.0, grain)


def _claimed_delta(known: Statement) -> float | None:
    """The claimed improvement's size (WER 18.7 → 12.9 is an improvement of 5.8)."""
    if known.delta:
        return abs(known.value)
    return abs(known.value - known.baseline) if known.baseline is not None else None


def _delta_clashes(claimed: float, said: float, known: Statement) -> bool:
    if abs(said - claimed) <= max(0.3 * abs(claimed), 0.25):
        return False
    relative = None if known.baseline in (None, 0) else 100 * claimed / known.baseline
    return relative is None or abs(said - relative) > 0.15 * abs(relative)


def size_clashes(known: list[Statement], new: Statement) -> bool:
    """A count clashes when no claimed count (nor the résumé's total) is near it; one near a part
    the résumé names ("其中攻击样本 5.2 万张") agrees."""
    low, high = new.value, new.high or new.value
    if any(k.part and not (high * SIZE_RATIO < k.value or low > k.value * SIZE_RATIO)
           for k in known):
        return False
    known = [k for k in known if not k.part]
    shared = [k for k in known if set(k.context) & set(new.context)]
    if new.loose or not shared:
        known = [k for k in known if not k.loose]  # a loose count is held only on shared words
    if new.loose and not shared:
        return False
    pool = shared or known
    if not pool:
        return False
    targets = [k.value for k in pool]
    if len(pool) > 1:  # a total of the parts that share its words
        targets.append(sum(k.value for k in pool))
    if not shared and len(known) > 1:
        targets.append(sum(k.value for k in known))
    return all(high * SIZE_RATIO < t or low > t * SIZE_RATIO for t in targets)


def clashes(known: Statement, new: Statement) -> bool:
    """Whether ``new`` clashes with one metric statement ``known`` of the same key."""
    claimed_delta = _claimed_delta(known)
    if new.delta:
        return claimed_delta is not None and _delta_clashes(claimed_delta, abs(new.value), known)
    if known.delta:
        return False  # "+4.1 points" says nothing about the absolute value
    grain = max(new.grain, known.grain)
    floor = 0.1 if known.key in SMALL_SCALE else 1.2

    def close(a: float, b: float) -> bool:
        return _close(a, b, grain, floor)

    if new.baseline is None and _written_in(new.value, known.said):
        return False
    if new.baseline is not None:
        bad_end = not close(new.value, known.value)
        bad_start = known.baseline is not None and not close(new.baseline, known.baseline)
        return bad_end or bad_start
    matches_baseline = known.baseline is not None and close(new.value, known.baseline)
    if new.about_baseline and known.baseline is not None:
        return not matches_baseline
    # "幻觉率降到零点四" against "3.1% → 0.4%": a bare number may be the claim's percentage
    as_percent = new.bare and _close(new.value / 100, known.value, grain / 100, 0.01)
    return not (close(new.value, known.value) or matches_baseline or as_percent)



_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(%|percent)?")


def _written_in(value: float, words: str) -> bool:
    """Whether the claim's own words give ``value`` too: "唤醒率 88.1% → 92.4%（安静环境 96.8%）"
    vouches for "安静环境唤醒率是 96.8%", a number for another condition on the same line."""
    return any(abs(to_points(float(m.group(1)), m.group(2)) - value) < 0.05
               for m in _NUMBER.finditer(words))


def comparable(known: Statement, new: Statement) -> bool:
    """A validation-split number is only held against a claimed validation number."""
    return known.key == new.key and (known.validation or not new.validation)


