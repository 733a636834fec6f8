"""Spoken numbers as digits, so "一万两千张", "百分之一", "留了一成", "six hundred hours" and
"sixteen notes" read like "12000张", "1%", "10%", "600 hours" and "16 notes".

Only the text the slot patterns read is rewritten; quotes are taken from the candidate's own
words. A Chinese numeral is converted when it is a real number — it has a place value (十百千万亿)
or is followed by a measure word ("两张卡", "三个 epoch") — so "一起", "一些", "一直" stay words.
"""

from __future__ import annotations

import re

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_MEASURE = "张条个对轮遍次层块卡台天小时分钟秒周月年倍份篇例位名棵组步折类种批人项点维句帧段笔通万千亿"
_CN_RUN = re.compile(r"(百分之)?([零〇一二两三四五六七八九十百千万亿]+)(成|[" + _MEASURE + r"])?")
_EN_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_EN_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_EN_WORD = "|".join([*_EN_SMALL, *_EN_TENS, *_EN_SCALE, "a", "and"])
_EN_RUN = re.compile(rf"(?<![a-z])(?:(?:{_EN_WORD})[\s-]+)*(?:{'|'.join([*_EN_SMALL, *_EN_TENS, *_EN_SCALE])})"
                     rf"(?![a-z])(?:\s+percent)?")


def chinese_value(run: str) -> int | None:
    """``一万两千`` → 12000, ``三十`` → 30, ``十六`` → 16, ``两`` → 2; ``None`` if malformed."""
    total, section, digit = 0, 0, None
    for ch in run:
        if ch in _DIGIT:
            if digit is not None and ch not in "零〇":
                return None  # "一二" is not a number
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            section += (1 if digit is None else digit) * _UNIT[ch]
            digit = None
        elif ch in _BIG:
            section += digit or 0
            total += (section or 1) * _BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def _cn(match: re.Match[str]) -> str:
    percent, run, measure = match.group(1), match.group(2), match.group(3) or ""
    has_place = any(ch in "十百千万亿" for ch in run)
    text = match.string
    approximate = "几" in text[max(0, match.start() - 1):match.start()] + text[match.end():match.end() + 1]
    if approximate or run[0] in "万亿" or not any(ch in "零〇一二两三四五六七八九十百千" for ch in run) or not (
            percent or has_place or measure):
        return match.group(0)
    value = chinese_value(run)
    if value is None:
        return match.group(0)
    if percent:
        return f"{value}%{measure}"
    if measure == "成":
        return f"{value * 10}%"
    return f"{value}{measure}"


def english_value(words: list[str]) -> int | None:
    total, current = 0, 0
    for word in words:
        if word in ("a", "and"):
            current = current or (1 if word == "a" else 0)
            continue
        if word in _EN_SMALL:
            current += _EN_SMALL[word]
        elif word in _EN_TENS:
            current += _EN_TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _EN_SCALE:
            total += (current or 1) * _EN_SCALE[word]
            current = 0
    value = total + current
    return value if value else None


def _en(match: re.Match[str]) -> str:
    text = match.group(0)
    percent = text.endswith("percent")
    words = re.findall(r"[a-z]+", text.removesuffix("percent"))
    if words and words[0] in ("a", "and") and len(words) == 1:
        return text
    value = english_value(words)
    if value is None or (len(words) == 1 and words[0] in ("one",) and not percent):
        return text  # "one" is usually a pronoun ("the old one")
    return f"{value}%" if percent else str(value)


def digits(norm: str) -> str:
    """``norm`` (normalized text) with spoken numbers written as digits."""
    return _EN_RUN.sub(_en, _CN_RUN.sub(_cn, norm))
