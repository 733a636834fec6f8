"""What the candidate said in the coding stage (手撕), so the interviewer can reply briefly.

The interviewer asks "先讲思路和复杂度，再写"; a candidate's message before or after a run is one of:

* ``approach`` — explains how they will solve it. :class:`CodingTalk` records whether the key idea
  was stated (steps / algorithmic vocabulary / the problem's own key-point cues), the time and the
  space complexity as said ("O(n log n)", "线性", "平方级", "常数空间"), and the edge cases named
  (empty input, numerical stability, ties, masks…); ``missing`` lists what is not there yet.
* ``bug`` — after a failing run, talks about the failure: whether a cause and a fix were stated,
  and whether it names the failing test.
* ``question`` — asks about the problem (which libraries, the input format, constraints, a hint).
* ``code`` — pasted code into the chat instead of the editor.
* ``stuck`` — says they cannot do it ("没思路", "I'm stuck").
* ``other`` — anything else ("好的", "写完了").

``suggested`` is the move the engine can make: ``let_code`` (approach complete enough: idea and
time complexity), ``ask_complexity``, ``ask_idea``, ``ask_fix`` (bug talk without a fix),
``rerun`` (cause and fix stated: change the code and run again), ``answer_question``,
``use_editor``, ``nudge`` (stuck), ``carry_on``. Pure and cheap: regular expressions over
normalized text, no model, no engine state. Use it for the candidate's *messages* only; code
submissions go to the evaluators.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from knowledge.textnorm import normalize

TalkKind = Literal["approach", "bug", "question", "code", "stuck", "other"]
Phase = Literal["before_run", "after_fail", "after_pass"]
Move = Literal["let_code", "ask_complexity", "ask_idea", "ask_fix", "rerun", "answer_question",
               "use_editor", "nudge", "carry_on"]
QuestionTopic = Literal["libraries", "io_format", "constraints", "hint", "time", "other"]
Missing = Literal["idea", "time_complexity", "space_complexity", "edge_cases", "cause", "fix"]


class CodingProblem(BaseModel):
    """What the module knows about the problem: id, title, and the KB entry's key-point cues."""

    problem_id: str
    title: str = ""
    cues: list[str] = Field(default_factory=list)  # lower-case words of the key points


def problem_from_entry(problem_id: str, title: str, entry: object | None) -> CodingProblem:
    """A :class:`CodingProblem` from the problem's knowledge-base entry (its key points' cues)."""
    points = getattr(entry, "key_points", None) or []
    cues = sorted({cue for point in points for cue in getattr(point, "cues", [])})
    return CodingProblem(problem_id=problem_id, title=title, cues=cues)


class CodingTalk(BaseModel):
    kind: TalkKind
    key_idea: bool = False
    idea_cues: list[str] = Field(default_factory=list)  # the problem's cues the message used
    time_complexity: str | None = None  # as said: "O(n^2)", "线性"
    space_complexity: str | None = None
    edge_cases: list[str] = Field(default_factory=list)  # canonical names: "empty", "stability"…
    cause_stated: bool = False
    fix_stated: bool = False
    names_failing_test: bool = False
    question_topic: QuestionTopic | None = None
    missing: list[Missing] = Field(default_factory=list)
    suggested: Move = "carry_on"


_O = r"o\s*\(\s*[^()]{1,40}?(?:\([^()]{0,20}\)[^()]{0,20})?\)"
_WORDY = (r"线性|平方(?:级)?|立方|对数(?:级)?|常数(?:级)?|指数(?:级)?|n\s*方|n\s*的?平方|n\s*log\s*n"
          r"|linear|quadratic|cubic|logarithmic|constant|exponential|n\s*squared|n\s*log\s*n")
_COMPLEXITY = re.compile(rf"{_O}|{_WORDY}", re.I)
_SPACE = re.compile(r"空间|内存|额外|显存|space|memory|extra|auxiliary", re.I)
_EDGES: dict[str, re.Pattern[str]] = {
    "empty": re.compile(r"为空|空(?:输入|数组|列表|序列|的)|长度为\s*[01]|empty|zero[- ]length|no boxes"),
    "single": re.compile(r"单个|只有一个|一个元素|single (?:element|item|box|token)|length one"),
    "stability": re.compile(r"数值稳定|溢出|下溢|减去?最大值|减 ?max|log ?sum ?exp|eps|nan|inf"
                            r"|overflow|underflow|numerical(?:ly)? stab|subtract(?:ing)? the max"),
    "ties": re.compile(r"相等|并列|重复|tie|equal (?:scores?|to the threshold)|duplicate"),
    "shape": re.compile(r"维度|形状|广播|shape|broadcast|dimension"),
    "mask": re.compile(r"mask|掩码|填充|padding|因果"),
    "bounds": re.compile(r"边界|越界|下标|off[- ]by[- ]one|boundary|bounds|index"),
    "dtype": re.compile(r"dtype|整数除|float|int64|精度|precision"),
}
_PRECEDING = re.compile(r"(空间|内存|额外|显存|space|memory|时间|运行|time|runtime)\s*(?:复杂度|complexity)?"
                        r"\s*(?:是|为|也是|大概是|[:：=]|of|is)?\s*$", re.I)
_FOLLOWING = re.compile(r"\s*(?:的|of|extra|additional)?\s*(空间|内存|额外|显存|space|memory|时间|time)",
                        re.I)
_BUG_TALK = re.compile(r"错|bug|挂|失败|没过|报错|fail|wrong|error|broken", re.I)
_EDGE_WORDS = re.compile(r"边界情况|特殊情况|corner case|edge case", re.I)
_IDEA = re.compile(
    r"先|再|然后|最后|遍历|排序|维护|用一个|哈希|堆|栈|队列|双指针|二分|动态规划|递归|矩阵乘|点积|相乘|求和|"
    r"归一化|softmax|转置|拼接|切分|广播|循环|迭代|贪心|计算|按.{1,6}(?:排序|分组)|"
    r"\b(?:first|then|finally|iterate|loop|sort|maintain|keep|heap|stack|queue|two pointers|binary "
    r"search|dynamic programming|recurs\w*|matrix multipl\w*|dot product|normali[sz]e|softmax|"
    r"transpose|concatenat\w*|reshape|split|greedy|compute|accumulate)\b", re.I)
_CAUSE = re.compile(r"因为|原因|忘了|漏了|没(?:有)?(?:考虑|处理|加|减)|写反|搞反|搞错|弄错|错在|问题(?:出)?在|应该是"
                    r"|\b(?:because|forgot|missed|the (?:issue|problem|bug) (?:is|was)|wrong|"
                    r"should (?:have|be)|off[- ]by[- ]one|didn'?t (?:handle|account))\b", re.I)
_FIX = re.compile(r"改成|改为|换成|加上|去掉|修(?:复|改|一下)|应该用|要用|我来改|改一下|调整"
                  r"|\b(?:fix\w*|change\w* (?:it |this |that )?to|replace\w*|add(?:ing)?|remov\w*|"
                  r"use .{1,20} instead|switch\w* to|i'?ll (?:change|update|correct))\b", re.I)
_QUESTION = re.compile(r"[?？]|[吗么呢]\s*$|^(?:请问|可以|能不能|能否|是否|需要|要不要|是不是)"
                       r"|^(?:can|may|should|do|does|is|are|what|how|which)\b", re.I)
_TOPICS: tuple[tuple[QuestionTopic, re.Pattern[str]], ...] = (
    ("libraries", re.compile(r"numpy|torch|库|调包|api|built-?in|library|import", re.I)),
    ("io_format", re.compile(r"输入|输出|返回|shape|形状|格式|类型|dtype|input|output|return|format",
                             re.I)),
    ("constraints", re.compile(r"规模|范围|最大|多大|约束|限制|复杂度要求|constraint|limit|how (?:large|big)"
                               r"|range", re.I)),
    ("hint", re.compile(r"提示|思路|hint|clue|where (?:do|should) i start", re.I)),
    ("time", re.compile(r"多长时间|多久|还有几分钟|how (?:much|long) time|time left", re.I)),
)
_STUCK = re.compile(r"不会|没思路|没有思路|想不出|卡住|放弃|写不出|不知道怎么|不太会"
                    r"|\b(?:no idea|i'?m stuck|stuck|give up|can'?t (?:do|solve|think)|don'?t know how)\b",
                    re.I)
_CODE = re.compile(r"```|^\s*(?:def|class|import|from|for|while|return)\b.*[:(]|^\s*\w+\s*=\s*\S+\(",
                   re.M)


def _complexities(norm: str) -> tuple[str | None, str | None]:
    """(time, space) as said. A bound right after a space word ("空间 O(n)", "space is O(1)") or right
    before one ("O(n) extra space") is the space bound; any other bound is the time bound."""
    time_c: str | None = None
    space_c: str | None = None
    for match in _COMPLEXITY.finditer(norm):
        before = norm[max(0, match.start() - 16):match.start()]
        after = norm[match.end():match.end() + 12]
        said = match.group(0).strip()
        if said.lower().startswith("o"):
            said = "O" + re.sub(r"\s+", "", said)[1:]
        cue = _PRECEDING.search(before) or _FOLLOWING.match(after)  # "空间 O(n)" / "O(n) space"
        is_space = bool(cue and _SPACE.match(cue.group(1)))
        if is_space:
            space_c = space_c or said
        else:
            time_c = time_c or said
    return time_c, space_c


def _edges(norm: str) -> list[str]:
    found = [name for name, regex in _EDGES.items() if regex.search(norm)]
    if not found and _EDGE_WORDS.search(norm):
        found = ["unspecified"]
    return found


def _idea(norm: str, problem: CodingProblem) -> tuple[bool, list[str]]:
    cues = [c for c in problem.cues if len(c) > 1 and c in norm]
    steps = len(_IDEA.findall(norm))
    units = len(re.findall(r"[\u4e00-\u9fff]", norm)) + len(re.findall(r"[a-z]+", norm))
    return (bool(cues) and units >= 8) or (steps >= 2 and units >= 12), cues


def _question_topic(norm: str) -> QuestionTopic:
    return next((topic for topic, regex in _TOPICS if regex.search(norm)), "other")


def assess_coding_message(text: str, problem: CodingProblem, phase: Phase = "before_run",
                          failing_test: str | None = None) -> CodingTalk:
    """Classify and assess one candidate message of the coding stage (see the module docstring)."""
    if "```" in text or (_CODE.search(text) and len(re.findall(r"[=():\[\]]", text)) >= 4):
        return CodingTalk(kind="code", suggested="use_editor")
    norm = normalize(text[:4000])
    time_c, space_c = _complexities(norm)
    idea, cues = _idea(norm, problem)
    talk = CodingTalk(kind="other", key_idea=idea, idea_cues=cues, time_complexity=time_c,
                      space_complexity=space_c, edge_cases=_edges(norm))
    stated = idea or time_c is not None or space_c is not None
    if _STUCK.search(norm) and not stated:
        return talk.model_copy(update={"kind": "stuck", "suggested": "nudge"})
    if phase == "after_fail" and not time_c and (
            _CAUSE.search(norm) or _FIX.search(norm) or _BUG_TALK.search(norm)):
        return _bug(talk, norm, failing_test)
    if _QUESTION.search(norm.strip()) and not stated and len(norm) < 200:
        return talk.model_copy(update={"kind": "question", "suggested": "answer_question",
                                       "question_topic": _question_topic(norm)})
    if stated:
        return _approach(talk)
    return talk


def _approach(talk: CodingTalk) -> CodingTalk:
    missing: list[Missing] = []
    if not talk.key_idea:
        missing.append("idea")
    if talk.time_complexity is None:
        missing.append("time_complexity")
    if talk.space_complexity is None:
        missing.append("space_complexity")
    if not talk.edge_cases:
        missing.append("edge_cases")
    move: Move = "let_code"
    if "idea" in missing:
        move = "ask_idea"
    elif "time_complexity" in missing:
        move = "ask_complexity"
    return talk.model_copy(update={"kind": "approach", "missing": missing, "suggested": move})


def _bug(talk: CodingTalk, norm: str, failing_test: str | None) -> CodingTalk:
    cause, fix = bool(_CAUSE.search(norm)), bool(_FIX.search(norm))
    words = [w for w in re.split(r"[^a-z0-9]+", (failing_test or "").lower()) if len(w) > 3]
    missing: list[Missing] = []
    if not cause:
        missing.append("cause")
    if not fix:
        missing.append("fix")
    return talk.model_copy(update={
        "kind": "bug", "cause_stated": cause, "fix_stated": fix,
        "names_failing_test": any(w in norm for w in words), "missing": missing,
        "suggested": "rerun" if fix else "ask_fix"})
