"""Spoken numbers as digits, so "一万两千张", "百分之一", "留了一成", "six hundred hours" and
"sixteen notes" read like "12000张", "1%", "10%", "600 hours" and "16 notes"; decimals and
fractions too: "零点七四四" → "0.744", "千分之四点二" → "0.42%", "八成四" → "84%".

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
# What a magnitude after digits multiplies by ("1.5M", "2.4 万", "3 billion"): one table for every
# reader of counts (sizes, parameters, named things); each reader's pattern says which it accepts.
MAGNITUDES = {"万": 1e4, "亿": 1e8, "千": 1e3, "k": 1e3, "m": 1e6, "b": 1e9, "million": 1e6,
              "billion": 1e9, "thousand": 1e3}
# "256×256 tiles", "512 by 512 chips", "8×8 个区域", "445/64/128 split": a side of a size or one of a
# split's shares, never a count of its own (:func:`in_dimension`, :func:`in_split_list`)
_DIM_BEFORE = re.compile(r"\d\s*(?:×|x|\*|by|乘)\s*$")
_DIM_AFTER = re.compile(r"\s*(?:×|x|\*|by|乘)\s*\d")
_LIST_BEFORE = re.compile(r"\d\s*[/／:：]\s*$")
_LIST_AFTER = re.compile(r"\s*[/／:：]\s*\d")
_MEASURE = "张条个对轮遍次层块卡台天小时分钟秒周月年倍份篇例位名棵组步折类种批人项点维句帧段笔通万千亿"
_CN_RUN = re.compile(r"(百分之)?([零〇一二两三四五六七八九十百千万亿]+)(成|[" + _MEASURE + r"])?")
# "零点七四四", "千分之四点二", "百分之十二点五", "八成四": a decimal or a fraction said in words.
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_DECIMAL = re.compile(
    rf"(?P<frac>百分之|千分之|万分之)?(?P<int>[{_CN_DIGITS}十百千万]+)点(?P<dec>[{_CN_DIGITS}]+)"
    rf"|(?P<pfrac>百分之|千分之|万分之)(?P<pint>[{_CN_DIGITS}十百千]+)"
    rf"|(?<![{_CN_DIGITS}十])(?P<tenths>[一二三四五六七八九])成(?P<hundredths>[一二三四五六七八九])(?![{_CN_DIGITS}十])")
_FRACTION_SCALE = {"百分之": 1.0, "千分之": 0.1, "万分之": 0.01}
_EN_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_EN_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_EN_WORD = "|".join([*_EN_SMALL, *_EN_TENS, *_EN_SCALE, "a", "and"])
_EN_RUN = re.compile(rf"(?<![a-z])(?<!\d )(?<!\d)(?:(?:{_EN_WORD})[\s-]+)*(?:{'|'.join([*_EN_SMALL, *_EN_TENS, *_EN_SCALE])})"
                     rf"(?![a-z])(?:\s+percent)?")


# "三十来万" / "二十多万": the hedge goes after the magnitude ("30万多"), where readers of counts
# expect it, so the magnitude stays next to its number.
_ROUGH_MAGNITUDE = re.compile(r"(\d)\s*(来|多|余)\s*(万|亿)")
# ".581" (a decimal written without its leading zero, as in "IDF1 went from .581 to .714").
_BARE_DECIMAL = re.compile(r"(?<![\w.])\.(\d)")


def chinese_value(run: str) -> int | None:
    """``一万两千`` → 12000, ``一万二`` → 12000, ``三十`` → 30, ``十六`` → 16, ``两`` → 2,
    ``一百零五`` → 105; ``None`` if malformed."""
    total, section, digit, last = 0, 0, None, 1  # last: the place value said last
    for ch in run:
        if ch in "零〇":  # a skipped place: what follows is a plain digit
            digit, last = (None, 1) if section or total else (0, last)
        elif ch in _DIGIT:
            if digit is not None:
                return None  # "一二" is not a number
            digit = _DIGIT[ch]
        elif ch in _UNIT:
            section += (1 if digit is None else digit) * _UNIT[ch]
            digit, last = None, _UNIT[ch]
        elif ch in _BIG:
            section += digit or 0
            total += (section or 1) * _BIG[ch]
            section, digit, last = 0, None, _BIG[ch]
    # "一万二" is 12000 and "三千五" 3500: a last digit right after a place counts one place lower
    return total + section + (digit or 0) * (last // 10 if last >= 100 else 1)


def _format(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _cn_decimal(match: re.Match[str]) -> str:
    if match.group("tenths"):  # 八成四 = 84%
        return f"{_DIGIT[match.group('tenths')]}{_DIGIT[match.group('hundredths')]}%"
    frac = match.group("frac") or match.group("pfrac")
    whole = chinese_value(match.group("int") or match.group("pint"))
    if whole is None:
        return match.group(0)
    decimals = "".join(str(_DIGIT[ch]) for ch in match.group("dec") or "")
    value = float(f"{whole}.{decimals}") if decimals else float(whole)
    if frac:
        return _format(value * _FRACTION_SCALE[frac]) + "%"
    return _format(value)


def _cn(match: re.Match[str]) -> str:
    percent, run, measure = match.group(1), match.group(2), match.group(3) or ""
    has_place = any(ch in "十百千万亿" for ch in run)
    text = match.string
    approximate = "几" in text[max(0, match.start() - 1):match.start()] + text[match.end():match.end() + 1]
    spoken = any(ch in "零〇一二两三四五六七八九" for ch in run) or run[0] == "十"  # "百" alone is no number
    if approximate or run[0] in "万亿" or not spoken or not (percent or has_place or measure):
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
    for word, following in zip(words, [*words[1:], ""], strict=True):
        if word in ("a", "and"):  # "a hundred" is 100; "a three-person team" is 3, not 4
            current = current or (1 if word == "a" and following in _EN_SCALE else 0)
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
    article = words[0] in ("a", "and") and words[1] not in _EN_SCALE  # "a three-person team"
    value = english_value(words[1:] if article else words)
    if value is None or (words[-1] == "one" and len(words) == 1 + article and not percent):
        return text  # "one" is usually a pronoun ("the old one")
    number = f"{value}%" if percent else str(value)
    return f"{words[0]} {number}" if article else number


def digits(norm: str) -> str:
    """``norm`` (normalized text) with spoken numbers written as digits."""
    spoken = _EN_RUN.sub(_en, _CN_RUN.sub(_cn, _CN_DECIMAL.sub(_cn_decimal, norm)))
    return _ROUGH_MAGNITUDE.sub(r"\1\3多", _BARE_DECIMAL.sub(r"0.\1", spoken))


def in_dimension(norm: str, start: int, end: int) -> bool:
    """Whether the number at ``norm[start:end]`` is a side of a size ("256×256", "512 by 512")."""
    return bool(_DIM_BEFORE.search(norm[:start]) or _DIM_AFTER.match(norm, end))


def in_split_list(norm: str, start: int, end: int) -> bool:
    """Whether the number at ``norm[start:end]`` is one share of a split ("445/64/128", "8:1:1")."""
    return bool(_LIST_BEFORE.search(norm[:start]) or _LIST_AFTER.match(norm, end))
