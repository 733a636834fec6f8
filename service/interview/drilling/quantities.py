"""Numbers as candidates state them: metric values, improvements, dataset sizes.

:func:`metric_statements` reads "mAP@0.5 从 0.71 提升到 0.84", "mAP 其实也就涨了 2 个点", "WER, and
we went from about 18 to maybe 16 percent", "MAPE came down to around 21 percent from 24",
"满意度最后大概是 70% 出头": each number is tied to the nearest metric named before it in the clause,
else to the last metric named earlier in the answer; "from A to B" gives value B and baseline A,
"涨了 N 个点" / "up by N points" is a delta. Clauses about an ablation ("单加 CBAM 涨 2.1 个点",
"without it") are partial results and are skipped: they cannot contradict a headline number.

Dataset sizes are read by :mod:`.sizes`; latency, model size and successes out of trials, which
need no metric name before them, by :mod:`.measures`. The same readers run on the résumé's project
text and on every answer, so both sides of a comparison are read the same way.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from service.interview.drilling.evasion import HEDGES
from service.interview.drilling.text import Answer

_CANON = (
    (r"dnsmos", "dnsmos"), (r"(?<![a-z])mos(?![a-z])", "mos"), (r"pesq", "pesq"), (r"rmsle", "rmsle"), (r"smape", "smape"), (r"(?<![a-z])mrr", "mrr"), (r"(?<![a-z])pck", "pck"),
    (r"log ?loss", "logloss"), (r"ap_?(?:small|s\b)", "ap_small"), (r"ap_?(?:medium|m\b)", "ap_medium"),
    (r"ap_?(?:large|l\b)", "ap_large"), (r"mape", "mape"), (r"map|(?<![a-z])ap(?![a-z])", "map"), (r"gauc", "gauc"), (r"auprc|aupr|pr-?auc", "auprc"), (r"auc|auroc", "auc"), (r"(?<![a-z])ks", "ks"),
    (r"idf1", "idf1"), (r"hota", "hota"), (r"amota", "amota"), (r"mota", "mota"), (r"f1", "f1"), (r"precision|精确率|精度|查准率", "precision"), (r"recall@\d+|recall|召回", "recall"),
    (r"wer|word error rate|error rate|错误率", "wer"), (r"\bcer\b", "cer"), (r"dice", "dice"),
    (r"miou|iou", "iou"), (r"mape", "mape"), (r"rmse", "rmse"), (r"(?<![a-z])mae", "mae"),
    (r"ndcg", "ndcg"), (r"top-?1(?: accuracy)?|top-?5|accuracy|准确率|(?<![a-z])acc", "accuracy"),
    (r"满意度|satisfaction", "satisfaction"), (r"转人工率", "handoff"), (r"漏检率", "miss_rate"),
    (r"误检率|误报率", "false_alarm"), (r"点击率|ctr", "ctr"), (r"bleu", "bleu"), (r"rouge", "rouge"),
    (r"psi", "psi"), (r"坏账率", "bad_rate"), (r"时长", "watch_time"), (r"perplexity|ppl", "ppl"),
    (r"fps", "fps"), (r"latency|延迟|耗时|inference|推理|单帧|单张|单\s?roi|per (?:image|frame|roi|tile)", "latency"),
)
# Benchmarks whose score is the result ("HumanEval 61.6 → 74.4", "BIRD dev 上从 52 提到 61"): each is a
# metric key of its own. Words that are also common nouns need a benchmark's context after them.
_BENCHMARK = (r"humaneval\+?|mbpp\+?|gsm8k|(?<![a-z])c?mmlu(?:-pro)?|c-?eval|livecodebench|hellaswag|truthfulqa"
              r"|(?<![a-z])bbh(?![a-z])|alpacaeval|mt-bench|arena-hard|ifeval|longbench|swe-bench|gpqa|aime"
              r"|mmbench|textvqa|docvqa|chartqa")
_BENCHMARK_NOUN = r"(?:bird|spider)"  # only before "dev", "test", "上", a number…
_BENCHMARK += r"|" + _BENCHMARK_NOUN + r"(?=\s*(?:dev|test|-sql|基准|benchmark|上|\d))"
_LEDGER_METRIC = re.compile(
    _BENCHMARK + r"|dnsmos(?: ovrl| sig| bak)?|(?<![a-z])mos(?![a-z])|pesq(?:-wb|-nb)?|mape|map(?:@[\d.:]+)?|(?<![a-z])ap(?:@[\d.:]+)?(?![a-z])|gauc|(?<![a-z])(?:auroc|auprc|aupr|auc|(?:pr|roc)-?auc)|(?<![a-z])ks(?![a-z])"
    r"|idf1|hota|a?mota|(?:micro-?|macro-?)?f1|precision|recall(?:\s*@\s*\d+|\s+at\s+\d+(?![\d.]))?|召回率|准确率|精确率|word error rate|\bwer\b|\bcer\b"
    r"|error rate|错误率|dice|miou|(?<![a-z])iou|mape|rmse|(?<![a-z])mae|ndcg(?:\s*@\s*\d+|\s+at\s+\d+(?![\d.]))?|top-?[15](?: accuracy)?"
    r"|accuracy|满意度|satisfaction|转人工率|漏检率|误检率|误报率|点击率|ctr|bleu|rouge(?:-[l12])?|坏账率"
    r"|人均观看时长|观看时长|perplexity|rmsle|smape|(?<![a-z])mrr|(?<![a-z])pck|log ?loss|ap_(?:small|medium|large|[sml])"
    r"|[\u4e00-\u9fff]{2}率|(?:[a-z]+[- ])?[a-z]+ rate(?![a-z])|人均时长|时长|latency|延迟|推理(?:时间|耗时)|单帧|单张"
    r"|单\s?roi|inference (?:time|takes|latency)")
# Rates that are settings, not results ("学习率 0.01", "采样率 16k").
_NOT_METRIC = re.compile(r"学习率|采样率|概率|频率|丢弃率|码率|比率|衰减率|利率|汇率|税率|learning rate"
                         r"|sampl\w* rate|drop(?:out)? rate|decay rate|frame rate|bit ?rate|tax rate|interest rate")
_GLUE = (r"(?:\s|是|为|了|达到|达|到了?|做到|大概|大约|约|可能|其实|也就|最后|只有|只|仅|才|左右|about|around|roughly|maybe"
         r"|of|was|were|is|=|:|：|at|reached|only|just|went|came|down|up|to|from|提升|提高|涨|降|下降|降低|从"
         r"|of\s|by|\+|的话|的|呢|then|ended|somewhere|landed|sits|stood|now|currently|finally|最终|能|在|到达"
         r"|好像|似乎|应该|估计|差不多|i think|i believe|like)"
         r"{0,12}")
_FROM_TO = re.compile(
    r"(?:从|from)\s*(?:about |around |大概|约|原来的?)?(?P<a>\d+(?:\.\d+)?)\s*(?:%|percent)?(?:[^\d]|(?<=[a-z])\d+(?=[a-z])){0,32}?"
    r"(?:到|至|to|→|->|提到|降到|涨到|提升到|提高到|降低到)\s*(?:了)?\s*(?:about |around |maybe |大概|约)?"
    r"(?P<b>\d+(?:\.\d+)?)\s*(?P<u>%|percent)?"
    r"|(?:to|到)\s*(?:about |around |大概)?(?P<b2>\d+(?:\.\d+)?)\s*(?P<u2>%|percent)?\s*(?:from|从)\s*"
    r"(?P<a2>\d+(?:\.\d+)?)"
    r"|^\s*(?:是|为|of|=|:|：)?\s*(?P<a3>\d+(?:\.\d+)?)\s*(?:%|percent)?\s*(?:[(（][^()（）]{0,24}[)）])?\s*"
    r"(?:->|→|=>|~>)\s*(?P<b3>\d+(?:\.\d+)?)\s*"
    r"(?P<u3>%|percent)?"
    r"|^\s*(?:是|为|of|=|:|：|was|is|reached|达到)?\s*(?P<b4>\d+(?:\.\d+)?)\s*(?P<u4>%|percent)?\s*(?:against|versus|vs\.?"
    r"|compared (?:to|with)|对比|相比|比)\s*(?:the |a |an )?[^\d]{0,40}?(?P<a4>\d+(?:\.\d+)?)")
_DELTA = re.compile(
    r"(?:涨|提升|提高|增加|上升|降|下降|减少|降低|高了|低了|高出|多了|少了|went up|rose|improved|increased|dropped"
    r"|fell|gained|higher by|lower by"
    r"|(?<![a-z])up|(?<![a-z])down|\+)(?:了)?\s*(?:by )?(?:about |around |roughly |only |大概|约|只有|也就)?\s*"
    r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>个点|个百分点|points?|pts?|pp|%|percent|个千分点)?(?![\d.])")
_VALUE_AFTER = re.compile(_GLUE + r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>%|percent)?(?![\d.]|\s*(?:个|张|条|次|维|倍|x\b|ms"
                          r"|毫秒|万|k\b|epoch|轮|小时|hours?|items?|calls?|weeks?|days?|天|周))")
_LATENCY = re.compile(_GLUE + r"(?P<v>\d+(?:\.\d+)?)\s*(?:ms|毫秒)")
_VALUE_BEFORE = re.compile(r"(?P<sign>\+|涨|提升|提高|improved by|up by|gain of|gained|gain(?:ed)? (?:about|around)"
                           r")?\s*(?:about |around |roughly )?(?P<v>\d+(?:\.\d+)?)\s*"
                           r"(?P<u>%|percent|个点|points?|pts?|pp)?\s*(?:的|of)?\s*$")
# What scopes a number to something narrower than the headline result, or makes it a target.
_ABLATION = re.compile(r"消融|ablat|单加|单用|只用|只加|去掉|without|removing|alone|only with"
                       r"|(?<![a-z])instead(?![a-z])")  # "with RandAugment instead, F1 was 0.817"
# "vs. the same model without the query module": the baseline described, not an ablation
BASELINE_WITHOUT = re.compile(r"(?:vs\.?|versus|compared (?:to|with)|than|over|against|相比|对比|比)\s+"
                              r"[^,;:，；：]{0,40}$")


def _scope_text(norm: str) -> str:
    """``norm`` without a "without" that describes the baseline (no ablation, no scope)."""
    m = _ABLATION.search(norm)
    if m is not None and BASELINE_WITHOUT.search(norm[:m.start()]):
        return norm[:m.start()] + " " + norm[m.end():]
    return norm

_SCOPE = re.compile(
    r"消融|ablat|单加|单用|只用|只加|只在|只对|仅在|仅对|去掉|without|removing|alone|only with"
    r"|(?<![a-z])only (?:the|on|in|to|for)(?![a-z])|每个|each|digit|promo|agreement"
    r"|inter-?annotator|小模型|这一块|这一步|单独|阶段|stage|目标|要求|target|goal|below|above"
    r"|以内|以下|以上|以外|之外|beyond|within|plus or minus|±|前\s*\d|top \d|小时|weeks?\b|周|线上时长多|多涨|多提|额外"
    # a narrower group than the headline ("这类问题", "有三十多个病例…", "those cases") or a share of it
    r"|这类|那类|类(?:问题|样本|数据|query|case)|这种(?:问题|情况|样本|case)|这部分|那部分|这一组|那一组|这些|那些|\d+\s*多?个(?:病例|样本|case)"
    r"|those|these (?:cases|queries|samples|ones)|that group|this kind|this type|占|(?<![百千万])分之"
    r"|a third|a quarter|half of|share of|fraction of"
    r"|(?<![a-z])(?:worst|hardest)(?![a-z])|最差|最难|子集|subset"
    # a hard sub-scenario that projects report on its own ("Holiday MAPE", "夜间 mAP", "加塞场景")
    r"|holidays?|节假日|节日|night|夜间|小目标|small[- ]objects?|long[- ]tail|长尾|遮挡|occlu|雨天|rainy|cut-?in|加塞")

# A target, one class or group, or an ablation named earlier in the sentence scopes its numbers too
# ("目标的话，GAUC 要涨 0.5 个点"; "提升最大的是道路这一类，IoU 从 28 涨到 41"; "消融里换成 0/1 奖励，
# HumanEval 是 77.1" — but see _FULL_MODEL). An operating point is no target: "在漏检千分之五的阈值下，
# 过杀率从 8.7% 降到 2.3%" is the headline at the résumé's own threshold.
_TARGET = re.compile(r"目标|要求|target|goal|门槛|the bar|阈值(?!下|时)|threshold(?!\s+(?:of|where|at|that|with))|[这那某每][一1]类|[这那][一1]?(?:批|部分)"
                     r"|(?:subset|segment|cohort|slice) of"
                     r"|这个类别|per-?class|class-wise|(?:for|on|in) the [a-z]+ class(?:es)?\b")
# In an ablation's sentence, the clause about the full model still states the headline ("消融的话，
# 完整模型 AUC 是 0.947"; "不加这部分是 9.8%，加了以后降到 4.3%").
_FULL_MODEL = re.compile(r"完整(?:的)?(?:模型|方法|版|系统)|全部加上|加了以后|加上以后|加上之后|加了之后|full (?:model|method"
                         r"|system|version)|with (?:it|everything)")
# A number the candidate takes back ("0.5 个千分点……不对，是 0.5 个百分点"): the earlier one is void.
_CORRECTION = re.compile(r"不对|说错|口误|我是说|i mean|sorry,? (?:it was|it's|i meant)|correction|"
                         r"no wait|actually no")
_BASELINE_WORDS = re.compile(r"原版|baseline|基线|原来|之前|老(?:模型|系统)|old|previous|original|规则|复现的|reproduced")
# Latency that is a budget or a training step, not how long one input takes.
_LATENCY_NOT = re.compile(r"per (?:run|epoch|step|batch)|每(?:轮|个 ?epoch|步)|训练|train|以内|之内|(?:ms|毫秒|秒)\s*内"
                          r"|within|under|below|budget|要求|at most|不超过|目标|target|[<≤]")
_VALIDATION = re.compile(r"验证集|dev set|validation|(?<![a-z])val(?![a-z])")
# Metrics on a small absolute scale (MOS 1–5, PESQ −0.5–4.5): they agree within a tenth, not 1.5.
SMALL_SCALE = frozenset({"metric:mos", "metric:dnsmos", "metric:pesq"})


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
    grain: float = 0.0  # a hedged round number's half step: "大概八成" is 80 ± 5
    high: float | None = None  # a count's upper end: "一万多张" is 10000 to 20000
    context: tuple[str, ...] = ()  # what qualifies a count: ("自采",), ("sft",)
    validation: bool = False  # measured on a validation split
    loose: bool = False  # "最近 50 条": some count; held only against one that shares a qualifier
    part: bool = False  # a part the résumé names ("其中攻击样本 5.2 万张"): agrees, never clashes
    bare: bool = False  # said ≤ 1 without a unit, so read as a fraction; "零点四" may be 0.4 %


def canonical_metric(name: str, own: frozenset[str] = frozenset()) -> str | None:
    """One key per metric: "mAP@0.5" and "map" → ``map``; an unlisted rate keeps its own name
    ("回答采纳率" → ``采纳率``, "acceptance rate" → ``acceptance rate``); settings → ``None``.
    ``own``: the project's own metric names (:func:`named_metrics`), each its own key."""
    low = name.lower()
    if low in own:
        return low
    if _NOT_METRIC.search(low):
        return None
    if re.fullmatch(_BENCHMARK, low) or re.fullmatch(_BENCHMARK_NOUN, low):
        return re.sub(r"[^a-z0-9+]", "", low)
    for pattern, canon in _CANON:
        if re.search(pattern, low):
            return canon
    generic = re.search(r"[\u4e00-\u9fff]{2}率$|[a-z]+ rate$", low)
    return generic.group(0) if generic else None


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
    if key == "metric:latency":
        ms = None if _LATENCY_NOT.search(norm) else _LATENCY.match(tail)
        return Statement(key, float(ms.group("v")), said=said,
                         grain=_grain(ms.group("v"), "ms", norm)) if ms else None
    span = _FROM_TO.search(tail)
    explicit = span is not None and bool(span.group("a"))
    if span and (span.start() <= 16 or (explicit and span.start() <= 60)):
        a = next(g for g in (span.group(n) for n in ("a", "a2", "a3", "a4")) if g)
        b = next(g for g in (span.group(n) for n in ("b", "b2", "b3", "b4")) if g)
        unit = next((g for g in (span.group(n) for n in ("u", "u2", "u3", "u4")) if g), None)
        return Statement(key, to_points(float(b), unit), to_points(float(a), unit), said=said)
    delta = _DELTA.search(tail)
    if delta and delta.start() <= 16:
        return Statement(key, _delta_points(float(delta.group("v")), delta.group("u")), delta=True,
                         said=said)
    value = _VALUE_AFTER.match(tail)
    if value:
        return Statement(key, to_points(float(value.group("v")), value.group("u")), said=said,
                         bare=value.group("u") is None and float(value.group("v")) <= 1.0,
                         about_baseline=bool(_BASELINE_WORDS.search(norm)),
                         grain=_grain(value.group("v"), value.group("u"), norm))
    head = norm[:name_start]
    before = _VALUE_BEFORE.search(head)
    if before and (before.group("sign") or not re.search(r"[a-z\u4e00-\u9fff]\s*$",
                                                         head[:before.start("v")].rstrip("+ "))):
        unit = before.group("u")
        if before.group("sign") or (unit and unit not in ("%", "percent")):
            return Statement(key, _delta_points(float(before.group("v")), unit), delta=True,
                             said=said)
        return Statement(key, to_points(float(before.group("v")), unit), said=said,
                         grain=_grain(before.group("v"), unit, norm))
    return None


def _grain(number: str, unit: str | None, norm: str) -> float:
    """Half the last stated digit's step when the number is hedged ("大概 0.8", "about 15%")."""
    if not HEDGES.search(norm):
        return 0.0
    decimals = len(number.split(".")[1]) if "." in number else 0
    step = 10.0 ** -decimals if decimals else (10.0 if number.endswith("0") else 1.0)
    return to_points(step, unit) / 2 if float(number) <= 1.0 and unit is None else step / 2


# A metric the résumé names by its change ("TEDS 从 86.4% 提升到 91.7%", "NDS 0.479 → 0.512"): an
# acronym the vocabulary lacks is still the project's metric, and answers are read for it by name.
_NAMED_CHANGE = re.compile(
    r"(?<![A-Za-z0-9])(?P<name>(?:min|max|avg|mean)?[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*(?:@\d+)?)\s*[:：]?\s*(?:从\s*)?\d+(?:\.\d+)?\s*%?\s*"
    r"(?:→|->|=>|(?:提升|提高|降低|下降|降)到|到|to)\s*\d")


def named_metrics(text: str) -> frozenset[str]:
    """The acronyms ``text`` (a résumé) reports a change of that no listed metric covers."""
    return frozenset(m.group("name").lower() for m in _NAMED_CHANGE.finditer(text)
                     if canonical_metric(m.group("name")) is None)


# "MAPE was 3.6, down from about 6.5": the clause after a value gives its starting point.
_FROM_ONLY = re.compile(r"^\s*(?:which is |that's |so )?(?:down|up|improved|dropped|fell|rose|reduced|came down"
                        r"|went (?:down|up)) from (?:about |around |roughly |maybe )?(?P<v>\d+(?:\.\d+)?)"
                        r"\s*(?P<u>%|percent)?")


def _metric_names(norm: str, own: frozenset[str]) -> list[re.Match[str]]:
    """Where ``norm`` names a metric: the listed ones, then the project's own."""
    found = list(_LEDGER_METRIC.finditer(norm))
    if own:
        pattern = r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, sorted(own))) + r")(?![a-z0-9])"
        taken = [(m.start(), m.end()) for m in found]
        found += [m for m in re.finditer(pattern, norm)
                  if not any(a < m.end() and m.start() < b for a, b in taken)]
    return sorted(found, key=lambda m: m.start())


def metric_statements(text: str, resume: bool = False,
                      own: frozenset[str] = frozenset()) -> list[Statement]:
    """Headline metric statements: a number right after the metric's name (or a from/to or an
    improvement right after it, or in the next clause when the metric stood alone). ``resume``:
    the résumé's own text, where only ablations are set aside (its numbers are the headline).
    ``own``: the project's own metric names (:func:`named_metrics`)."""
    answer = Answer(_mask_dates(text))
    found: list[Statement] = []
    pending: tuple[str, int] | None = None  # a metric named alone, e.g. "WER, and we went from…"
    last: str | None = None
    targeted, ablating, previous_said = False, False, ""
    for index, clause in enumerate(answer.clauses):
        norm = clause.norm
        said = answer.original(clause.start, clause.end)
        if answer.opens_sentence(index):
            targeted = ablating = False
        before, previous_said = previous_said, said
        corrected = None if resume else _CORRECTION.search(norm)
        if corrected is not None:  # what came before the correction is void
            if found and found[-1].said == before:
                found.pop()
            norm = norm[corrected.end():]
        targeted = targeted or (not resume and bool(_TARGET.search(norm)))
        scoped = _scope_text(norm)
        ablating = ablating or (not resume and bool(_ABLATION.search(scoped)))
        if (_ABLATION if resume else _SCOPE).search(scoped) or targeted or (
                ablating and not _FULL_MODEL.search(norm)):
            pending = None
            continue
        names = _metric_names(norm, own)
        statement = None
        for i, m in enumerate(names):  # "AUC 0.742 -> 0.781 and KS 0.36 -> 0.42": one per name
            canon = canonical_metric(m.group(0), own)
            upto = names[i + 1].start() if i + 1 < len(names) else len(norm)
            named = _clause_statement(norm[:upto], said, f"metric:{canon}", m.start(), m.end()) \
                if canon else None
            if named is not None and named.baseline is not None:
                found += _chain_links(norm[m.end():upto], named)
            if named is not None and statement is not None and named.key != statement.key:
                found.append(replace(named, validation=bool(_VALIDATION.search(norm))))
            elif named is not None and statement is None:
                statement = named
        if statement is None and pending is not None and not names:
            statement = _clause_statement(" " + norm, said, pending[0], 0, 0)
            if statement is not None and not (statement.delta or statement.baseline is not None):
                statement = None  # only "from A to B" / "up by N" carry over a clause
        if statement is None and last is not None and not names and not resume:
            delta = _DELTA.search(norm)  # "比 TSN 高了 10 个点": the metric named just before
            if delta and delta.group("u") and delta.group("u") not in ("%", "percent"):
                statement = Statement(last, _delta_points(float(delta.group("v")), delta.group("u")),
                                      delta=True, said=said)
            elif (start := _FROM_ONLY.match(norm)) and found and found[-1].key == last \
                    and found[-1].baseline is None and not found[-1].delta:
                found[-1] = replace(found[-1], baseline=to_points(float(start.group("v")),
                                                                  start.group("u")),
                                    said=f"{found[-1].said}, {said}")
        if statement is not None:
            found.append(replace(statement, validation=bool(_VALIDATION.search(norm))))
            last = statement.key
        pending = None
        if names and statement is None and len(norm) - names[-1].end() <= 2:
            canon = canonical_metric(names[-1].group(0), own)
            pending = (f"metric:{canon}", 0) if canon else None
    return found


_LINK = re.compile(r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>%|percent)?\s*(?:[(（][^()（）]{0,24}[)）])?\s*"
                   r"(?:->|→|=>|~>)\s*")
_LAST = re.compile(r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>%|percent)?")


def _chain_links(tail: str, first: Statement) -> list[Statement]:
    """The other links of a chain "61.6（Base）→ 74.4（SFT）→ 79.3（RL）": the read statement is its
    first step; every later step and the whole span are claims too, so an answer that gives the
    last stage's number or gain agrees."""
    values: list[float] = []
    at = 0
    while (m := _LINK.match(tail, at) if values else _LINK.search(tail)) is not None:
        values.append(to_points(float(m.group("v")), m.group("u")))
        at = m.end()
    end = _LAST.match(tail, at) if values else None
    if end is None or len(values) < 2:
        return []
    values.append(to_points(float(end.group("v")), end.group("u")))
    return [replace(first, value=b, baseline=a) for a, b in
            [*itertools.pairwise(values[1:]), (values[0], values[-1])]]


def _mask_dates(text: str) -> str:
    from service.resume.facets import PERIOD

    return PERIOD.sub(lambda m: " " * len(m.group(0)), text)
