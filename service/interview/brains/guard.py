"""Checks on an LLM's interviewer line before the candidate sees it.

Small local models fail in recognisable ways (measured on Qwen2.5-Coder-0.5B/1.5B with the
prompts of :mod:`.prompts`): they answer the question themselves — in concept follow-ups that
means reciting the missed key point, i.e. leaking the rubric — they speak as the candidate
("我叫…，我做的项目是…"), they read the task instruction back ("坚决拒绝，再问一遍原问题。"),
or they drop the question. :class:`LineGuard` catches each of these so the turn falls back to the
offline brain *before* any text is streamed (the LLM brain holds the head of its line until a
question mark, the end, or 160 characters; see :class:`~.llm.OutputFilter`).

A leak is a run of ``n`` normalized characters (lower case, letters and digits only; 8 for
Chinese, 18 for English) shared with a key point or the reference answer but not with the
question itself, so repeating the question is fine and stating the answer is not.

**A voice that only asks.** Beyond leaks, a line may not bring technical content of its own: its
content words (Chinese words of two or more characters, Latin words, numbers) are compared with
everything the line may legitimately say — the offline draft, the candidate's words and the
quote, the question, the asked slots, the project — plus a short list of conversational words.
More than a few new content words, or any new number, means the model is explaining or answering
("ReLU 的工作原理是通过将负数映射到正值…"): the line is rejected and the offline line is spoken.
A drilling press must also keep the candidate's words it picks up (``quote``).
"""

from __future__ import annotations

import re

from service.interview.brains.base import BrainError
from service.interview.brains.prompts import task_line
from service.interview.directives import Directive

QUESTION_KINDS = frozenset({"ask_project", "drill_point", "ask_concept", "concept_follow_up",
                            "coding_feedback", "refuse_skip", "invite_questions",
                            "answer_candidate_question", "coding_talk"})
_SECRET_KINDS = frozenset({"ask_concept", "concept_follow_up", "coding_feedback"})
_QUESTION = re.compile(r"[?？]")
_AS_CANDIDATE = re.compile(
    r"^(?:您好[，,]?\s*)?(?:我叫|我是(?!今天的?面试官|面试官|拷打)|我的名字|我毕业于|我负责了|我做的项目|我最近在"
    r"|my name is|i am a (?:student|candidate)|i'm a (?:student|candidate)|i worked on|i built"
    r"|thank you for (?:having|inviting) me)", re.I)
_NOT_WORD = re.compile(r"[\W_]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
MAX_NEW_CONTENT = {"zh": 4, "en": 5}
# The prompt's own labels: a line that contains one is reading the prompt back, wherever it is.
_PROMPT_ECHO = re.compile(r"面试官要说|改写后的台词|面试官的这一句|候选人的原话|candidate_said|draft\s*[:：]|草稿\s*[:：]"
                          r"|<<<|>>>|the interviewer is about to say|rewritten line", re.I)
MIN_ANSWER_KEPT = 0.25  # share of the planned answer's content words a rephrased answer keeps
# Words an interviewer uses to ask, in any line; never counted as new content.
_CONVERSATIONAL = frozenset("""
你 你们 我 我们 刚才 刚刚 之前 前面 说 说过 提到 讲 讲讲 说说 那 那么 具体 具体点 一点 一下 能不能 可以 请 吗 呢 吧
这个 那个 这些 那些 怎么 什么 为什么 多少 哪些 哪个 如何 是否 有没有 详细 展开 介绍 解释 回答 问题 追问 继续
所以 但是 不过 然后 另外 还有 以及 或者 到底 究竟 关于 方面 部分 这里 时候 当时 已经 其实 实际 实际上 主要
关键 细节 情况 地方 东西 内容 意思 例子 比如 举例 知道 觉得 认为 清楚 明确 确定 数字 数据 一个 一些 这样 那样
自己 本人 亲自 哪部 哪块 一块 别人 团队 项目 不是 没有 还是 就是 只是 回到 记下 记下来 直接 接着 下面 我们来
you your yours said say saying mention mentioned earlier just then what which how why exactly specifically
concretely tell could would can please detail details more about give walk through explain clarify number
numbers value values really actually back let let's talk point question answer part parts yourself own
still missing also next first second once again same did does have has had were was are the and for with
that this those these there here from into onto only even some any many much few other others""".split())


def _content_words(text: str) -> set[str]:
    from knowledge.textnorm import tokens

    words = {w for w in tokens(text) if len(w) >= 2 and not w.isdigit()}
    return {w for w in words if not (w.isascii() and len(w) < 3)} | set(_NUMBER.findall(text))


def _norm(text: str) -> str:
    return _NOT_WORD.sub("", text.lower())


def _grams(text: str, n: int) -> set[str]:
    flat = _norm(text)
    return {flat[i:i + n] for i in range(len(flat) - n + 1)}


class LineGuard:
    """Validates the head of a line for one directive; raises :class:`BrainError` on failure."""

    def __init__(self, directive: Directive) -> None:
        self.kind = directive.kind
        self.n = 8 if directive.language == "zh" else 18
        self.task = _norm(task_line(directive))
        secrets: list[str] = []
        if directive.kind in _SECRET_KINDS:
            secrets = [*directive.key_points, *directive.missed_points, directive.reference or ""]
        allowed = _grams(directive.question or "", self.n) | _grams(
            directive.candidate_text or "", self.n)
        self.secret_grams = set().union(*(_grams(s, self.n) for s in secrets)) - allowed
        self.language = directive.language
        self.quote = directive.quote if directive.kind == "drill_point" and directive.depth > 0 \
            and directive.quote_kind not in (None, "empty", "contradiction") else None
        self.allowed_words: set[str] | None = None
        self.required_words: set[str] = set()

    def require(self, text: str) -> None:
        """The line must say this (a planned answer), in its own words but recognisably."""
        self.required_words = _content_words(text) - _CONVERSATIONAL

    def allow(self, *texts: str | None) -> None:
        """What the line may say (the offline draft, the directive's data): switches on the
        content check."""
        self.allowed_words = set().union(*(_content_words(t) for t in texts if t)) | \
            _CONVERSATIONAL

    def new_content(self, text: str) -> list[str]:
        """Content words and numbers in ``text`` that nothing the line may say contains."""
        if self.allowed_words is None:
            return []
        fresh = _content_words(text) - self.allowed_words
        joined = " ".join(self.allowed_words)
        # parts of allowed words are fine ("学习" in "学习率"); numbers must match exactly
        return sorted(w for w in fresh if _NUMBER.fullmatch(w) or w not in joined)

    def expects_question(self) -> bool:
        return self.kind in QUESTION_KINDS

    def check(self, text: str, final: bool) -> None:
        """Check ``text`` (the whole line so far); ``final`` when the model has finished."""
        if _AS_CANDIDATE.search(text.strip()):
            raise BrainError("the model spoke as the candidate instead of the interviewer")
        flat = _norm(text)
        if len(flat) >= 6 and (flat in self.task or self.task in flat):
            raise BrainError("the model read the task instruction back instead of speaking")
        if self.leaks(text):
            raise BrainError("the model revealed the reference answer / key points")
        if self.echoes_prompt(text):
            raise BrainError("the model read its prompt back (a prompt label in the line)")
        if self.required_words and (final or _QUESTION.search(text)) and \
                self.kept_share(text) < MIN_ANSWER_KEPT:
            raise BrainError("the model dropped the planned answer")
        self.check_content(text)
        if final and self.expects_question() and not _QUESTION.search(text):
            raise BrainError(f"the model asked no question (a {self.kind} line must ask one)")
        if self.quote and (final or _QUESTION.search(text)) and not _keeps(self.quote, text):
            raise BrainError("the model dropped the candidate's words the press picks up")

    def states_content(self, text: str) -> bool:
        fresh = self.new_content(text)
        return any(_NUMBER.fullmatch(w) for w in fresh) or \
            len(fresh) > MAX_NEW_CONTENT.get(self.language, 4)

    def check_content(self, text: str) -> None:
        if self.states_content(text):
            raise BrainError("the model stated content of its own: "
                             + ", ".join(self.new_content(text)[:8]))

    @staticmethod
    def echoes_prompt(text: str) -> bool:
        return _PROMPT_ECHO.search(text) is not None

    def kept_share(self, text: str) -> float:
        if not self.required_words:
            return 1.0
        said = " ".join(_content_words(text))
        return sum(1 for w in self.required_words if w in said) / len(self.required_words)

    def leaks(self, text: str) -> bool:
        if not self.secret_grams:
            return False
        flat = _norm(text)
        return any(flat[i:i + self.n] in self.secret_grams for i in range(len(flat) - self.n + 1))


def _keeps(quote: str, text: str) -> bool:
    """The line keeps at least a recognisable piece (6 characters, or the whole quote) of it."""
    q, t = _norm(quote), _norm(text)
    size = min(6, len(q))
    return size == 0 or any(q[i:i + size] in t for i in range(len(q) - size + 1))
