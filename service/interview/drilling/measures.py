"""Metric readings that have no metric name before them: how long one input takes ("0.4 s per
page", "单张 200 毫秒"), a model's size on disk ("38 KB after int8") and successes out of a number of
trials ("7 of 10 stair trials"). Read on the résumé and on answers alike, next to
:func:`.quantities.metric_statements`, by the ledger.
"""

from __future__ import annotations

import re

from service.interview.drilling.quantities import _LATENCY_NOT, _SCOPE, Statement
from service.interview.drilling.text import Answer

# "0.4 s per page", "单张 200 毫秒", "2 seconds per page": how long one input takes (not training).
_LATENCY_ANY = re.compile(r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>ms|毫秒|s|secs?|seconds?|秒)(?![a-z])")
_LATENCY_CUE = re.compile(r"latency|延迟|耗时|推理|inference|per (?:page|image|frame|sample|query|request|call|document)"
                          r"|每(?:张|帧|页|条|次请求)|单(?:张|帧|页|条)|response time|响应")
_FOOTPRINT = re.compile(r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>kb|mb|gb)(?![a-z])")
_FOOTPRINT_CUE = re.compile(r"model size|模型(?:大小|体积|文件)|quanti[sz]|量化|weights|权重|footprint|参数文件"
                            r"|fits? in|放得下|装得下")
_KB = {"kb": 1.0, "mb": 1024.0, "gb": 1024.0 ** 2}


def footprint_statements(text: str) -> list[Statement]:
    """A model's size on disk or flash: "38 KB model size after int8", "120 KB after quantisation"."""
    answer = Answer(text)
    found = []
    for clause in answer.clauses:
        m = _FOOTPRINT.search(clause.norm)
        if m and _FOOTPRINT_CUE.search(clause.norm) and not _SCOPE.search(clause.norm):
            value = float(m.group("v")) * _KB[m.group("u")]
            found.append(Statement("metric:model_size", value, grain=0.1 * value,
                                   said=answer.original(clause.start, clause.end)))
    return found


def latency_statements(text: str) -> list[Statement]:
    answer = Answer(text)
    found = []
    for clause in answer.clauses:
        m = _LATENCY_ANY.search(clause.norm)
        if m and _LATENCY_CUE.search(clause.norm) and not _LATENCY_NOT.search(clause.norm) \
                and not _SCOPE.search(clause.norm):
            value = float(m.group("v")) * (1.0 if m.group("u") in ("ms", "毫秒") else 1000.0)
            found.append(Statement("metric:latency", value, grain=0.15 * value,
                                   said=answer.original(clause.start, clause.end)))
    return found


# "7 of 10 stair trials succeeded", "9 out of 10 trials", "10 次里成功 7 次": a success rate.
_TRIALS = re.compile(
    r"(?<![\d.])(?P<n>\d+)\s*(?:out\s+)?of\s*(?:the\s+)?(?P<m>\d+)\s*(?:[a-z\-]+\s){0,2}?"
    r"(?:trials?|episodes?|attempts?|rollouts?|tries)(?![a-z])"
    r"|(?P<m2>\d+)\s*次(?:里|中|当中)?(?:成功|过)了?\s*(?P<n2>\d+)\s*次")


def trial_statements(text: str) -> list[Statement]:
    """Success counts out of a number of trials, as a rate in points."""
    answer = Answer(text)
    found = []
    for clause in answer.clauses:
        for m in _TRIALS.finditer(clause.norm):
            n, total = int(m.group("n") or m.group("n2")), int(m.group("m") or m.group("m2"))
            if total > 0 and n <= total:
                found.append(Statement("metric:success", 100.0 * n / total,
                                       said=answer.original(clause.start, clause.end)))
    return found
