"""Dataset sizes as candidates state them: "一共 1.2 万张", "4,000 notes", "600 hours", "一万多张".

:func:`size_statements` reads totals and skips subsets ("其中有缺陷的只有 3000 张", "only 8% of them");
in the résumé a subset or a split ("28,130 training / 6,019 validation samples") is kept as a
``part``, which an answer may restate but never clashes with. The same reader runs on the résumé
and on every answer, so both sides of a comparison are read the same way.
"""

from __future__ import annotations

import re

from service.interview.drilling.hardware import GPU_MENTION
from service.interview.drilling.numerals import MAGNITUDES, in_dimension, in_split_list
from service.interview.drilling.quantities import Statement
from service.interview.drilling.text import Answer, Clause

# Plural nouns that count something other than data ("12 months", "5 epochs", "3 annotators").
_NOT_COUNTED = (r"month|day|week|year|hour|minute|second|epoch|step|layer|page|dimension|round|run"
                r"|time|point|percent|people|member|annotator|class|categorie|type|gpu|core|block|head"
                r"|parameter|param|feature|iteration|update|sample|row|record|image|note|document|utterance"
                r"|clip|case|patient|pair|label|user|store|famil|trial|experiment|ms|kb|mb|gb|fold|tree"
                r"|leave|leaf|model|seed|character|word|command|keyword|intent|language|office|site|engineer"
                r"|paralegal|author|teammate|student|frame|second|reviewer|seconds")
_SIZE = re.compile(
    r"(?<![\d.])(?P<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.])\s*(?P<mag>万|亿|千|k(?![a-z])|m(?![a-z])|b(?![a-z])|million|billion|thousand)?"
    r"\s*(?:多|余|来)?\s*个?\s*(?:(?:(?!of\b)[a-z\-]+|\d+\s*[×x*]\s*\d+)\s){0,2}?(?P<unit>张|图片|images?|条|样本|samples?|rows?|records?|对"
    r"|tokens?"
    r"|pairs?|小时|hours?|例|病例|cases?|patients?|份|篇|notes?|documents?|utterances?|clips?|series|笔|段"
    r"|(?![a-z]*(?:" + _NOT_COUNTED + r")s?\b)[a-z]{3,}s\b)(?:(?<=[a-z])(?![a-z])|(?<![a-z]))"
    r"(?P<noun>[^，,。;；]{0,12}?(?:数据|样本|图|文本|对话|记录|病例|语料|标注|日志|影像|ct|音频|视频))?")
_TOTAL = re.compile(r"一共|总共|共计|共有|合计|总量|数据集|数据量|in total|total|altogether|dataset|corpus")
_APPROX_UP = re.compile(r"^\s*(?:多|余|\+|plus|\s*以上)|(?:超过|more than|over|above|至少|at least)\s*$")
# Words that qualify a count ("自采", "SFT", "VisDrone"): read around it, compared between sides.
_STOP_QUALIFIERS = frozenset({
    "the", "of", "and", "we", "our", "had", "have", "about", "around", "roughly", "from", "in",
    "on", "to", "was", "were", "it", "that", "this", "with", "for", "hours", "images", "loans",
    "数据", "一共", "总共", "大概", "左右", "我们", "用的", "的是", "这个", "那个", "然后", "就是", "样本"})
_MEASURE_ONLY = re.compile(r"张|条|对|例|份|篇")
_SUBSET = re.compile(r"其中|只有|里有|里面|有缺陷的|剩下|占|of them|only|among|subset|of which|per class"
                     r"|分之|也就是|(?<![a-z])each(?![a-z])|apiece|各有|每秒|每分钟|每小时|每周|每年|峰值|qps|tps"
                     r"|清洗|洗掉|删|去掉|去除|过滤|筛掉|剔|扔|remov|filter|drop|discard|threw|clean|上采样|过采样"
                     r"|每类|每个|最后剩|剩|测试|验证|(?<![a-z])test|validation|(?<![a-z])dev(?![a-z])|每天|每月|一天|a day"
                     r"|a month|(?<![a-z])per(?![a-z])"
                     r"|/天|held-?out|训练集|training set|train(?:ing)? split|train set")
_RESUME_SUBSET = re.compile(r"其中|of them|of which|among|subset|per class|每类|每个|测试|(?<![a-z])test|held-?out"
                            r"|验证|validation|每天|每月|a day|a month|(?<![a-z])per(?![a-z])"
                            # what a human evaluation or a spot check covered ("rated 200 reports")
                            r"|rated|reader study|human eval\w*|人工评|评测了|抽检|抽查|spot-?check\w*"
                            r"|hand-?check\w*")
_PART_OF = re.compile(r"\s*(?:of (?:it|this|that|these|those|them|the total)|中的|里的)")
_UNIT_FAMILY = (("images", r"张|图片|images?"), ("samples", r"条|样本|samples?|rows?|records?|笔"),
                ("pairs", r"对|pairs?"), ("hours", r"小时|hours?"),
                ("cases", r"例|病例|cases?|patients?"), ("documents", r"份|篇|notes?|documents?"),
                ("utterances", r"utterances?|clips?|段"), ("series", r"series"), ("tokens", r"tokens?"))
_CORPUS_TOKENS = 1e6  # fewer tokens is a context length or a prompt, not a corpus
# how long training ran, not hours of data: beside GPUs, or right after a verb of running it
_TRAINING_TOOK = re.compile(r"(?:训练|train(?:ing)?|微调|fine-?tun\w*|跑了?|took|耗时|用时)\s*"
                            r"(?:了|约|大约|大概|about|around|~|for)?\s*\d")


def _family(unit: str) -> str:
    """"张" → images, "contracts" → contracts (a plural the table does not list is its own)."""
    return next((name for name, pattern in _UNIT_FAMILY if re.fullmatch(pattern, unit)),
                unit.removesuffix("s"))


def _qualifiers(text: str) -> tuple[str, ...]:
    """Latin words and overlapping CJK pairs: "自采航拍图像" → 自采, 采航, 航拍, …"""
    words = re.findall(r"[a-z]{2,}", text)
    cjk = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    pairs = [cjk[i:i + 2] for i in range(len(cjk) - 1) if " " not in cjk[i:i + 2]]
    return tuple(dict.fromkeys(q for q in [*words, *pairs] if q not in _STOP_QUALIFIERS))


def _step(value: float) -> float:
    """The place of a count's last non-zero digit: 10000 for 一万多, 1000 for 1.2 万多."""
    digits = f"{value:.0f}".rstrip("0")
    return 10.0 ** (len(f"{value:.0f}") - len(digits)) if digits else 1.0


def size_statements(text: str, resume: bool = False) -> list[Statement]:
    """Dataset counts: "一共 1.2 万张", "4,000 notes", "600 hours" — not subsets ("其中 3000 张",
    "35 hours of it"), and, in an answer, not test or training splits. "一万多张" is a range.
    In the résumé a subset is kept as a ``part``: an answer that restates it agrees."""
    answer = Answer(text)
    subset = _RESUME_SUBSET if resume else _SUBSET
    found = []
    for clause in answer.clauses:
        norm = clause.norm
        for m in _SIZE.finditer(norm):
            if in_dimension(norm, m.start("v"), m.end("v")):
                continue  # "256×256 tiles": a tile's side
            before, after = norm[max(0, m.start() - 16):m.start()], norm[m.end():m.end() + 12]
            part = bool(subset.search(before) or subset.search(after) or _PART_OF.match(after)
                        or in_split_list(norm, m.start("v"), m.end("v")))
            if part and not resume:
                continue
            if resume and _SPLIT_WORD.search(norm[m.end("v"):m.start("unit")]):
                part = True  # "28,130 training / 6,019 validation samples": splits, both of them
                found += _split_sibling(answer, clause, m)
            value = float(m.group("v").replace(",", "")) * MAGNITUDES.get(m.group("mag") or "", 1.0)
            if value < 20:
                continue  # "生成两条回复", "给一张图": a count of something, not the dataset
            if value < _CORPUS_TOKENS and m.group("unit").startswith("token"):
                continue
            if _family(m.group("unit")) == "hours" and (GPU_MENTION.search(norm)
                                                        or _TRAINING_TOOK.search(norm)):
                continue  # "4× A100, ~9 hours", "训练约 20 小时": how long training ran, not data
            loose = bool(_MEASURE_ONLY.fullmatch(m.group("unit"))) and value < 1000 and not (
                m.group("noun") or _TOTAL.search(norm))
            more = _APPROX_UP.search(norm[m.end("mag") if m.group("mag") else m.end("v"):m.end()]) \
                or _APPROX_UP.search(before)
            lead = norm[max(0, m.start() - 20):m.start()]
            lead = re.split(r"\d", lead)[-1]  # not the words of the count before it
            context = f"{lead} {m.group('noun') or ''} {norm[m.end():m.end() + 8]}"
            found.append(Statement(
                f"size:{_family(m.group('unit'))}", value,
                said=_said(answer, clause, m.start(), m.end()),
                high=value + _step(value) if more else None, context=_qualifiers(context),
                loose=loose, part=part))
    return found


_SPLIT_WORD = re.compile(r"(?<![a-z])(?:train(?:ing)?|val(?:idation)?|test|dev)(?![a-z])")
_SPLIT_SIBLING = re.compile(r"(?P<v>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<mag>万|k(?![a-z]))?\s*"
                            r"(?:train(?:ing)?|val(?:idation)?|test|dev)\s*[/／、&]\s*$")


def _split_sibling(answer: Answer, clause: Clause, m: re.Match[str]) -> list[Statement]:
    """The split listed just before a split count, in the same unit ("28,130 training / …")."""
    sibling = _SPLIT_SIBLING.search(clause.norm[:m.start()])
    if sibling is None:
        return []
    value = float(sibling.group("v").replace(",", "")) * MAGNITUDES.get(sibling.group("mag") or "", 1)
    return [Statement(f"size:{_family(m.group('unit'))}", value, part=True,
                      said=_said(answer, clause, sibling.start(), m.end()))]


def _said(answer: Answer, clause: Clause, start: int, end: int) -> str:
    """The candidate's words for ``clause.norm[start:end]`` (the clause when numerals were
    rewritten, since offsets then no longer line up)."""
    original = answer.original(clause.start, clause.end)
    if len(original) != clause.end - clause.start or clause.norm != answer.norm[clause.start:clause.end]:
        return original
    return answer.original(clause.start + max(0, start - 6), clause.start + end)
