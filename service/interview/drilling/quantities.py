"""Numbers as candidates state them: metric values, improvements, dataset sizes.

:func:`metric_statements` reads "mAP@0.5 从 0.71 提升到 0.84", "mAP 其实也就涨了 2 个点", "WER, and
we went from about 18 to maybe 16 percent", "MAPE came down to around 21 percent from 24",
"满意度最后大概是 70% 出头": each number is tied to the nearest metric named before it in the clause,
else to the last metric named earlier in the answer; "from A to B" gives value B and baseline A,
"涨了 N 个点" / "up by N points" is a delta. Clauses about an ablation ("单加 CBAM 涨 2.1 个点",
"without it") are partial results and are skipped: they cannot contradict a headline number.

:func:`size_statements` reads totals ("一共 1.2 万张", "4,000 notes", "600 hours") and skips
subsets ("其中有缺陷的只有 3000 张", "only 8% of them").

The same reader runs on the résumé's project text and on every answer, so both sides of a
comparison are read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.interview.drilling.text import Answer

_CANON = (
    (r"mape", "mape"), (r"map|(?<![a-z])ap(?![a-z])", "map"), (r"gauc", "gauc"), (r"auc", "auc"), (r"(?<![a-z])ks", "ks"),
    (r"f1", "f1"), (r"precision|精确率|精度|查准率", "precision"), (r"recall@\d+|recall|召回", "recall"),
    (r"wer|word error rate|error rate|错误率", "wer"), (r"\bcer\b", "cer"), (r"dice", "dice"),
    (r"miou|iou", "iou"), (r"mape", "mape"), (r"rmse", "rmse"), (r"(?<![a-z])mae", "mae"),
    (r"ndcg", "ndcg"), (r"top-?1(?: accuracy)?|top-?5|accuracy|准确率|(?<![a-z])acc", "accuracy"),
    (r"满意度|satisfaction", "satisfaction"), (r"转人工率", "handoff"), (r"漏检率", "miss_rate"),
    (r"误检率|误报率", "false_alarm"), (r"点击率|ctr", "ctr"), (r"bleu", "bleu"), (r"rouge", "rouge"),
    (r"psi", "psi"), (r"坏账率", "bad_rate"), (r"时长", "watch_time"), (r"perplexity|ppl", "ppl"),
    (r"fps", "fps"), (r"latency|延迟|耗时", "latency"),
)
_LEDGER_METRIC = re.compile(
    r"mape|map(?:@[\d.:]+)?|(?<![a-z])ap(?:@[\d.:]+)?(?![a-z])|gauc|(?<![a-z])auc|(?<![a-z])ks(?![a-z])"
    r"|(?:micro-?|macro-?)?f1|precision|recall(?:@\d+)?|召回率|准确率|精确率|word error rate|\bwer\b|\bcer\b"
    r"|error rate|错误率|dice|miou|(?<![a-z])iou|mape|rmse|(?<![a-z])mae|ndcg(?:@\d+)?|top-?[15](?: accuracy)?"
    r"|accuracy|满意度|satisfaction|转人工率|漏检率|误检率|误报率|点击率|ctr|bleu|rouge(?:-[l12])?|坏账率"
    r"|人均观看时长|观看时长|perplexity")
_GLUE = (r"(?:\s|是|为|达到|达|到了?|做到|大概|大约|约|可能|其实|也就|最后|只有|左右|about|around|roughly|maybe"
         r"|of|was|were|is|=|:|：|at|reached|only|just|went|came|down|up|to|from|提升|提高|涨|降|下降|降低|从"
         r"|of\s|by|\+|的话|的|呢|then|ended|somewhere|landed|sits|stood|now|currently|finally|最终|能|在|到达"
         r"|好像|似乎|应该|估计|差不多|i think|i believe|like)"
         r"{0,12}")
_FROM_TO = re.compile(
    r"(?:从|from)\s*(?:about |around |大概|约|原来的?)?(?P<a>\d+(?:\.\d+)?)\s*(?:%|percent)?.{0,14}?"
    r"(?:到|to|→|->|提到|降到|涨到|提升到|提高到|降低到)\s*(?:了)?\s*(?:about |around |maybe |大概|约)?"
    r"(?P<b>\d+(?:\.\d+)?)\s*(?P<u>%|percent)?"
    r"|(?:to|到)\s*(?:about |around |大概)?(?P<b2>\d+(?:\.\d+)?)\s*(?P<u2>%|percent)?\s*(?:from|从)\s*"
    r"(?P<a2>\d+(?:\.\d+)?)")
_DELTA = re.compile(
    r"(?:涨|提升|提高|增加|上升|降|下降|减少|降低|went up|rose|improved|increased|dropped|fell|gained"
    r"|(?<![a-z])up|(?<![a-z])down|\+)(?:了)?\s*(?:by )?(?:about |around |roughly |only |大概|约|只有|也就)?\s*"
    r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>个点|个百分点|points?|pp|%|percent|个千分点)?(?![\d.])")
_VALUE_AFTER = re.compile(_GLUE + r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>%|percent)?(?![\d.]|\s*(?:个|张|条|次|维|倍|x\b|ms"
                          r"|毫秒|万|k\b|epoch|轮|小时|hours?|items?|calls?|weeks?|days?|天|周))")
_VALUE_BEFORE = re.compile(r"(?P<sign>\+|涨|提升|提高|improved by|up by|gain of)?\s*(?P<v>\d+(?:\.\d+)?)\s*"
                           r"(?P<u>%|percent|个点|points?|pp)?\s*(?:的\s*)?$")
# What scopes a number to something narrower than the headline result, or makes it a target.
_SCOPE = re.compile(
    r"消融|ablat|单加|单用|只用|只加|去掉|without|removing|alone|only with|每个|each|digit|promo|agreement"
    r"|inter-?annotator|dev set|验证集|小模型|这一块|这一步|单独|阶段|stage|目标|要求|target|goal|below|above"
    r"|以内|以下|以上|within|plus or minus|±|前\s*\d|top \d|小时|weeks?\b|周|线上时长多|多涨|多提|额外")
_BASELINE_WORDS = re.compile(r"原版|baseline|基线|原来|之前|老(?:模型|系统)|old|previous|original|规则")
_SIZE = re.compile(
    r"(?P<v>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<mag>万|亿|千|k|m|million|billion|thousand)?"
    r"\s*(?:多|余)?\s*(?:[a-z\-]+\s){0,2}?(?P<unit>张|图片|images?|条|样本|samples?|rows?|records?|对|pairs?"
    r"|小时|hours?|例|病例|cases?|patients?|份|篇|notes?|documents?|utterances?|clips?|series)"
    r"(?P<noun>[^，,。;；]{0,12}?(?:数据|样本|图|文本|对话|记录|病例|语料|标注|日志|影像|ct|音频|视频))?")
_TOTAL = re.compile(r"一共|总共|共计|共有|合计|总量|数据集|数据量|in total|total|altogether|dataset|corpus")
_MEASURE_ONLY = re.compile(r"张|条|对|例|份|篇")
_SUBSET = re.compile(r"其中|只有|里有|里面|有缺陷的|剩下|占|of them|only|among|subset|of which|per class"
                     r"|清洗|洗掉|删|去掉|去除|过滤|筛掉|剔|扔|remov|filter|drop|discard|threw|clean|上采样|过采样"
                     r"|每类|每个|最后剩|剩|测试|验证|test|validation|dev|每天|每月|一天|a day|a month|per"
                     r"|/天|held-?out|训练集|train")
_MAG = {"万": 1e4, "亿": 1e8, "千": 1e3, "k": 1e3, "m": 1e6, "million": 1e6, "billion": 1e9,
        "thousand": 1e3}
_UNIT_FAMILY = (("images", r"张|图片|images?"), ("samples", r"条|样本|samples?|rows?|records?"),
                ("pairs", r"对|pairs?"), ("hours", r"小时|hours?"),
                ("cases", r"例|病例|cases?|patients?"), ("documents", r"份|篇|notes?|documents?"),
                ("utterances", r"utterances?|clips?"), ("series", r"series"))


@dataclass(frozen=True)
class Statement:
    """One stated number: ``key`` ("metric:map", "size:images"), the value in comparable units
    (metrics in percentage points, sizes as counts), and what was said, in the speaker's words."""

    key: str
    value: float
    baseline: float | None = None
    delta: bool = False
    said: str = ""
    about_baseline: bool = False  # the clause talks about the baseline ("原版是 0.71")


def canonical_metric(name: str) -> str | None:
    low = name.lower()
    for pattern, canon in _CANON:
        if re.search(pattern, low):
            return canon
    return None


def to_points(value: float, unit: str | None) -> float:
    """Metric values on one scale: 0.84 and 84% are both 84 points."""
    if unit in ("%", "percent"):
        return value
    return value * 100 if value <= 1.0 else value


def _delta_points(value: float, unit: str | None) -> float:
    if unit and "千分点" in unit:
        return value / 10
    return value * 100 if unit is None and value < 1.0 else value


def _clause_statement(norm: str, said: str, key: str, name_start: int,
                      name_end: int) -> Statement | None:
    """The statement a clause makes about the metric named at ``norm[..name_end]``."""
    tail = norm[name_end:]
    span = _FROM_TO.search(tail)
    if span and span.start() <= 16:
        a, b = span.group("a") or span.group("a2"), span.group("b") or span.group("b2")
        unit = span.group("u") or span.group("u2")
        return Statement(key, to_points(float(b), unit), to_points(float(a), unit), said=said)
    delta = _DELTA.search(tail)
    if delta and delta.start() <= 16:
        return Statement(key, _delta_points(float(delta.group("v")), delta.group("u")), delta=True,
                         said=said)
    value = _VALUE_AFTER.match(tail)
    if value:
        return Statement(key, to_points(float(value.group("v")), value.group("u")), said=said,
                         about_baseline=bool(_BASELINE_WORDS.search(norm)))
    head = norm[:name_start]
    before = _VALUE_BEFORE.search(head)
    if before and not re.search(r"[a-z\u4e00-\u9fff]\s*$", head[:before.start("v")].rstrip("+ ")):
        unit = before.group("u")
        if before.group("sign") or (unit and unit not in ("%", "percent")):
            return Statement(key, _delta_points(float(before.group("v")), unit), delta=True,
                             said=said)
        return Statement(key, to_points(float(before.group("v")), unit), said=said)
    return None


def metric_statements(text: str) -> list[Statement]:
    """Headline metric statements: a number right after the metric's name (or a from/to or an
    improvement right after it, or in the next clause when the metric stood alone)."""
    answer = Answer(_mask_dates(text))
    found: list[Statement] = []
    pending: tuple[str, int] | None = None  # a metric named alone, e.g. "WER, and we went from…"
    for clause in answer.clauses:
        norm = clause.norm
        said = answer.original(clause.start, clause.end)
        if _SCOPE.search(norm):
            pending = None
            continue
        names = list(_LEDGER_METRIC.finditer(norm))
        statement = None
        for m in names:
            canon = canonical_metric(m.group(0))
            if canon:
                statement = _clause_statement(norm, said, f"metric:{canon}", m.start(), m.end())
                if statement:
                    break
        if statement is None and pending is not None and not names:
            statement = _clause_statement(" " + norm, said, pending[0], 0, 0)
            if statement is not None and not (statement.delta or statement.baseline is not None):
                statement = None  # only "from A to B" / "up by N" carry over a clause
        if statement is not None:
            found.append(statement)
        pending = None
        if names and statement is None and len(norm) - names[-1].end() <= 2:
            canon = canonical_metric(names[-1].group(0))
            pending = (f"metric:{canon}", 0) if canon else None
    return found


def _mask_dates(text: str) -> str:
    from service.resume.facets import PERIOD

    return PERIOD.sub(lambda m: " " * len(m.group(0)), text)


def _family(unit: str) -> str:
    return next(name for name, pattern in _UNIT_FAMILY if re.fullmatch(pattern, unit))


def size_statements(text: str) -> list[Statement]:
    answer = Answer(text)
    found = []
    for clause in answer.clauses:
        for m in _SIZE.finditer(clause.norm):
            before = clause.norm[max(0, m.start() - 8):m.start()]
            if _SUBSET.search(before) or _SUBSET.search(clause.norm[m.end():m.end() + 10]):
                continue
            if _MEASURE_ONLY.fullmatch(m.group("unit")) and not (
                    m.group("noun") or _TOTAL.search(clause.norm)):
                continue  # "生成两条回复": a count of something, not the dataset
            value = float(m.group("v").replace(",", "")) * _MAG.get(m.group("mag") or "", 1.0)
            start = clause.start + max(0, m.start() - 6)
            found.append(Statement(f"size:{_family(m.group('unit'))}", value,
                                   said=answer.original(start, clause.start + m.end())))
    return found
