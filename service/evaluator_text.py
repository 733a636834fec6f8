"""The evaluators' test messages in the reader's language (a presentation-layer catalog).

The evaluators (:mod:`evaluators`) write their messages in English, from a small set of templates
— expected vs got, shapes, the first mismatching index, dtypes, the exception type and line, tests
not run because the submission ran out of time or memory, limits exceeded. A Chinese interview
must show them in Chinese, without touching the evaluators: :func:`to_chinese` rewrites every
templated phrase it recognises and leaves the rest as written (variable names, values, Python's
own exception text, a problem-specific hint the catalog does not know), so nothing is lost and no
number changes. :func:`localized` picks the language.

Phrases are matched anywhere in a message, so a templated clause inside a longer message ("out[0]:
expected 0.5, got 0.7 (…) — heads merged without transposing back") is translated too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]
_SHAPE = r"\([^()]*\)"
_TYPE_NAMES = {"a torch.Tensor": " torch.Tensor", "a numpy.ndarray": " numpy.ndarray",
               "an array": "数组", "a scalar": "标量", "a number": "数值",
               "a list of ints": "整数列表", "a Python float": " Python float"}


def _or(text: str) -> str:
    return text.replace(" or ", " 或 ")


def _elements(match: re.Match[str]) -> str:
    error = match.group("error")
    detail = "出现了 NaN 或 inf" if error == "non-finite values" else \
        f"最大绝对误差 {match.group('abs')}"
    return (f"应为 {match.group('want')}，实际是 {match.group('got')}（{match.group('n')} 个元素中有 "
            f"{match.group('bad')} 个不一致；{detail}；形状 {match.group('shape')}）")


RULES: tuple[Rule, ...] = (
    (re.compile(r"^ok$"), "通过"),
    (re.compile(r"not run: the submission ran out of time before this test finished"),
     "未运行：代码超时，没能跑到这个测试"),
    (re.compile(r"not run: the submission ran out of memory before this test finished"),
     "未运行：内存超限，没能跑到这个测试"),
    (re.compile(r"not run: the submission produced too much output"), "未运行：代码输出过多"),
    (re.compile(r"not run: the process died before this test \((?P<d>[^()]*)\)"),
     r"未运行：进程在这个测试之前退出（\g<d>）"),
    (re.compile(r"^not run: "), "未运行："),
    (re.compile(r"empty submission: write the solution first"), "提交为空：请先写出代码"),
    (re.compile(r"your module failed to load: "), "代码加载失败："),
    (re.compile(r"time limit of (?P<t>[\d.]+) s exceeded"), r"超过时间限制（\g<t> 秒）"),
    (re.compile(r"memory limit of (?P<m>\d+) MiB exceeded"), r"超过内存限制（\g<m> MiB）"),
    (re.compile(r"the submission crashed \((?P<d>[^()]*)\)"), r"代码运行崩溃（\g<d>）"),
    (re.compile(r"uses a forbidden library call: (?P<c>[^;]+); score capped at (?P<s>[\d.]+)"),
     r"使用了禁止调用的库函数：\g<c>；得分上限 \g<s>"),
    (re.compile(r"output could not be checked \("), "输出无法检查（"),
    (re.compile(r"\b(?P<type>[A-Z]\w*(?:Error|Exception|Warning|Interrupt|Exit))"
                r" at line (?P<line>\d+)"), r"\g<type>（第 \g<line> 行）"),
    (re.compile(rf"expected shape (?P<want>{_SHAPE}), got (?P<got>{_SHAPE})"),
     r"形状应为 \g<want>，实际是 \g<got>"),
    (re.compile(r"expected dtype (?P<want>.+?), got (?P<got>[\w.]+)"),
     lambda m: f"dtype 应为 {_or(m.group('want'))}，实际是 {m.group('got')}"),
    (re.compile(rf"expected (?P<want>[^,;()]+?), got (?P<got>[^;()]+?) \((?P<bad>\d+) of "
                rf"(?P<n>\d+) elements differ; (?P<error>max abs error (?P<abs>[^;()]+)|"
                rf"non-finite values); shape (?P<shape>{_SHAPE})\)"), _elements),
    (re.compile(r"should be (?P<what>" + "|".join(re.escape(k) for k in _TYPE_NAMES) + ")"),
     lambda m: f"应该是{_TYPE_NAMES[m.group('what')]}"),
    (re.compile(rf"got (?P<kind>tensor|ndarray) of shape (?P<shape>{_SHAPE}) and dtype "
                r"(?P<dtype>[\w.]+)"),
     r"实际是形状 \g<shape>、dtype \g<dtype> 的 \g<kind>"),
    (re.compile(r"got (?P<kind>list|tuple|sequence) of (?P<n>\d+) items"),
     r"实际是 \g<n> 个元素的 \g<kind>"),
    (re.compile(r"got an object of type (?P<type>\S+)"), r"实际是 \g<type> 类型的对象"),
    (re.compile(r"expected (?P<want>[^,;()]+?), got (?P<got>[^;()]+?)(?=$|[;(]| —)"),
     r"应为 \g<want>，实际是 \g<got>"),
)
_CJK_AFTER_COLON = re.compile(r"(?<=[\u4e00-\u9fff）]): |: (?=[\u4e00-\u9fff]|dtype 应为)")
_CJK_BEFORE_COMMA = re.compile(r"(?<=[\u4e00-\u9fff）]), (?=[\u4e00-\u9fff])|, (?=实际是)")
_SEMICOLON = re.compile(r"(?<=[\u4e00-\u9fff）]); ")


def to_chinese(message: str) -> str:
    """``message`` with every catalogued phrase in Chinese (see the module docstring)."""
    text = message
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    if text == message:
        return message
    text = _CJK_AFTER_COLON.sub("：", text)
    text = _CJK_BEFORE_COMMA.sub("，", text)
    return _SEMICOLON.sub("；", text)


def localized(message: str | None, language: str) -> str:
    """The message for a reader of ``language`` ("zh" translates, anything else keeps it)."""
    if not message:
        return ""
    return to_chinese(message) if language == "zh" else message
