"""Reading a spoken answer: clauses, numbers, names and evasions, with spans into the original.

Everything here works on :func:`knowledge.textnorm.normalize`-d text (NFKC, lower case,
traditional → simplified) *position by position*: :class:`Answer` keeps the original string and
its normalized twin of the same length, so a span found in the normalized text can be quoted
back to the candidate in their own spelling. (NFKC can change lengths, e.g. "㎡"; such answers
fall back to quoting the normalized text, which still reads as the candidate's words.)

Clauses are the unit of assessment: a Chinese answer is split at ，。；！？ and at connectives
("然后", "另外"), an English one at sentence ends, semicolons and ", and/but/so". A clause is
short enough that a number in it belongs to the thing it talks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from knowledge.textnorm import normalize
from service.interview.drilling.numerals import digits

_CLAUSE_BREAK = re.compile(
    r"(?:[，。；;！!？?\n]|,(?!\d{3}(?!\d)))+|(?<=[a-z0-9%)])(?<!\bvs)(?<!\betc)(?<!\be\.g)(?<!\bi\.e)"
    r"\.(?=\s|$)|\s[-–—]\s"
    r"|,?\s(?=(?:and then|but|so|while|which|whereas|because|since)\s)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+(?:['.\-+/@][a-z0-9]+)*")

CN_DIGITS = "零一二两三四五六七八九十百千万亿几"
# A number as people say it: 0.71, 3.2 万, 2e-5, 1:20, 8:1:1, 两张, 十几亿, twenty.
_EN_NUMBER = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
              r"thirty|forty|fifty|hundred|thousand|million|billion|half|dozen")
NUMBER = re.compile(
    r"(?<![a-z_])\d+(?:\.\d+)?(?:e-?\d+)?(?::\d+(?:\.\d+)?)*"
    rf"|(?<![a-z])(?:{_EN_NUMBER})(?![a-z])"
    rf"|[{CN_DIGITS}]*[一二两三四五六七八九十百千万亿][{CN_DIGITS}]*(?=[个张条例对份篇轮层块天小时分钟秒倍成类种次位名周月年卡核折组步])")
# Numbers that are part of a name (YOLOv8, Qwen2-7B, ViT-B/16, Recall@10, P2, C2f, W32).
_NAME_WITH_DIGITS = re.compile(r"[a-z][a-z\-]*\d+[a-z0-9\-/]*|[a-z]+@\d+|\d+[a-z]+\d*[a-z]*")


@dataclass(frozen=True)
class Clause:
    start: int  # offsets into the answer (original and normalized text alike)
    end: int
    norm: str  # what the patterns read: normalized, spoken numbers as digits

    def numbers(self) -> list[str]:
        """Numbers in the clause that are values, not parts of names."""
        names = [m.span() for m in _NAME_WITH_DIGITS.finditer(self.norm)]
        values = []
        for m in NUMBER.finditer(self.norm):
            if any(s <= m.start() < e for s, e in names) and not _looks_like_value(m.group(0)):
                continue
            values.append(m.group(0))
        return values


def _looks_like_value(token: str) -> bool:
    """"2e-5", "0.01" and "1e-3" sit inside _NAME_WITH_DIGITS's shape but are values."""
    return bool(re.fullmatch(r"\d+(?:\.\d+)?(?:e-?\d+)?", token)) and not token.isalpha()


_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?:\s|$)")
# Where a résumé line or an answer splits into sentences for the readers that scope by sentence
# (ablations, baselines): "vs." and "etc." end none.
SENTENCE_BREAK = re.compile(r"[。；;!?！？\n]|(?<=[a-z)])(?<!\bvs)(?<!\betc)\.(?=\s|$)")


@dataclass
class Answer:
    """One candidate answer, normalized, split into clauses."""

    text: str
    norm: str = ""
    clauses: list[Clause] = field(default_factory=list)
    known: frozenset[str] = frozenset()  # slot keys established earlier in the project
    point: str = ""  # the point the answer replies to

    def __post_init__(self) -> None:
        self.text = " ".join(self.text.split())
        self.norm = normalize(self.text)
        self._aligned = len(self.norm) == len(self.text)
        self.clauses = split_clauses(self.norm)

    def original(self, start: int, end: int) -> str:
        """The candidate's own spelling of ``norm[start:end]``."""
        source = self.text if self._aligned else self.norm
        return source[start:end].strip(" ，,。.；;：:、")

    @property
    def units(self) -> int:
        return length_units(self.norm)

    def opens_sentence(self, index: int) -> bool:
        """Whether clause ``index`` begins a new sentence (a full stop, "；" or a line break
        lies between it and the clause before): what scopes the rest of a sentence ends there."""
        previous_end = self.clauses[index - 1].end if index else 0
        return bool(_SENTENCE_END.search(self.norm[previous_end:self.clauses[index].start]))


def clause_texts(text: str) -> list[tuple[str, str]]:
    """(the speaker's words, the normalized clause) for each clause of ``text``."""
    answer = Answer(text)
    return [(answer.original(c.start, c.end), c.norm) for c in answer.clauses]


def split_clauses(norm: str) -> list[Clause]:
    return list(_split(norm))


@lru_cache(maxsize=4096)
def _split(norm: str) -> tuple[Clause, ...]:
    clauses, start = [], 0
    for m in _CLAUSE_BREAK.finditer(norm):
        if m.start() > start:
            clauses.append((start, m.start()))
        start = m.end()
    if start < len(norm):
        clauses.append((start, len(norm)))
    result = []
    for s, e in clauses:
        while s < e and norm[s] in " ":
            s += 1
        while e > s and norm[e - 1] in " ":
            e -= 1
        if e - s >= 2:
            result.append(Clause(s, e, digits(norm[s:e])))
    return tuple(result)


def length_units(norm: str) -> int:
    """Answer length as spoken: CJK characters plus Latin words."""
    return len(_CJK.findall(norm)) + len(_WORD.findall(norm))


def is_chinese(norm: str) -> bool:
    return len(_CJK.findall(norm)) >= max(2, len(_WORD.findall(norm)) // 2)


def words(norm: str) -> list[str]:
    return _WORD.findall(norm)


def content_words(norm: str, latin: re.Pattern[str], stop: frozenset[str]) -> frozenset[str]:
    """What ``norm`` talks about, to tell which claim it restates: the ``latin`` words and every
    pair of adjacent CJK characters, less the ``stop`` words."""
    cjk = re.sub(r"[^\u4e00-\u9fff]", " ", norm)
    pairs = {cjk[i:i + 2] for i in range(len(cjk) - 1) if " " not in cjk[i:i + 2]}
    return frozenset((set(latin.findall(norm)) | pairs) - stop)
