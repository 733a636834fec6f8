"""How long the candidate says they were on the project, against the dates on the résumé.

"我在那边实习了差不多一年" against an internship dated 2024.06 - 2024.12 is an inflation worth
confronting; so is "the project took about two years" against 2023.03 - 2023.06. Only statements
about the whole stay are read — the internship, "在那边待了", "the project lasted", "interned there
for" — never how long a part took ("数据标注做了三个月", "training ran for two weeks"). A résumé
entry still running ("至今", "present") has no end to hold an answer against.

A stay of ``months`` agrees with an entry spanning ``low``–``high`` months (its end month counted or
not) unless it is more than :data:`SLACK` times longer or shorter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.interview.drilling.text import clause_texts

SLACK = 1.5
_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})\s*[./年-]\s*(\d{1,2})")
_OPEN = re.compile(r"至今|现在|今|present|now|current", re.IGNORECASE)
_HEDGE = r"(?:差不多|大概|将近|快|小|足足|整整|有|大约|约|前后|一共|总共)?\s*"
_WORDS = {"半": 0.5, "一": 1, "两": 2, "a": 1, "an": 1, "half a": 0.5}
_UNITS = {"月": 1, "年": 12, "周": 0.25, "month": 1, "year": 12, "week": 0.25}
_CJK_AMOUNT = r"(?P<n>\d+(?:\.\d+)?|半|一|两)\s*(?:个)?\s*多?\s*(?:个)?\s*(?P<u>月|年|周)(?P<half>半)?(?!度|级|底|初|前|后)"
_EN_AMOUNT = (r"(?:about |almost |nearly |roughly |around |over |just |a little over )?"
              r"(?P<n>\d+(?:\.\d+)?|an?|half a)[\s-](?P<u>month|year|week)s?(?P<half> and a half)?")
_STATED = [re.compile(p) for p in (
    r"实习(?:了|过)?\s*" + _HEDGE + _CJK_AMOUNT,
    r"在(?:那边|那里|那儿|公司|组里|实验室)?\s*(?:待|干|呆)了\s*" + _HEDGE + _CJK_AMOUNT,
    r"项目\S{0,4}?(?:做|搞|弄|干)了\s*" + _HEDGE + _CJK_AMOUNT,
    r"(?:interned|worked|was|stayed)(?: there| on (?:it|this|the project))? for " + _EN_AMOUNT,
    r"(?:internship|project) (?:lasted|took|ran for|was) " + _EN_AMOUNT,
    r"(?P<n>\d+)-(?P<u>month|year|week) (?:internship|project|stint)(?P<half>)",
)]


@dataclass(frozen=True)
class Stay:
    low: float  # months, the end month not counted
    high: float  # months, the end month counted
    said: str


def resume_stay(period: str | None, title: str) -> Stay | None:
    """The span of a résumé entry's ``period`` ("2024.06 - 2024.12"), quoted as its ``title``."""
    ends = _YEAR_MONTH.findall(period or "")
    if len(ends) != 2 or _OPEN.search(period or ""):
        return None
    (y1, m1), (y2, m2) = ((int(y), int(m)) for y, m in ends)
    span = (y2 - y1) * 12 + (m2 - m1)
    return Stay(max(span, 1), span + 1, title) if span >= 0 else None


def stated_months(answer: str) -> list[tuple[float, str]]:
    """(months, the candidate's words) for each statement of how long the whole stay was."""
    found = []
    for original, norm in clause_texts(answer):
        for pattern in _STATED:
            m = pattern.search(norm)
            if m is None:
                continue
            number = m.group("n")
            amount = float(number) if number[0].isdigit() else _WORDS[number]
            months = (amount + (0.5 if m.group("half") else 0)) * _UNITS[m.group("u")]
            found.append((months, original))
            break
    return found


def stay_conflicts(answer: str, stay: Stay | None) -> list[tuple[str, str]]:
    """(the résumé's words, the answer's) for a stated stay far from the résumé's dates."""
    if stay is None:
        return []
    return [(stay.said, said) for months, said in stated_months(answer)
            if months > stay.high * SLACK or months * SLACK < stay.low][:1]
