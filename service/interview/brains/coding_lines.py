"""Offline lines for the coding-stage talk and the candidate's own questions (反问).

``coding_talk``: the engine decided the move (:mod:`service.interview.coding_stage`); the line
acknowledges what the candidate *said* (their complexity, their cause) and asks for what is
missing. It never states an idea, a complexity or a fix of its own: questions about the problem
are pointed back to the statement ("以题面为准"), a hint is declined.

``answer_candidate_question`` and the closing answer speak the engine's plan (general terms about
the role for the track, from :mod:`service.interview.candidate_questions`) as is.
"""

from __future__ import annotations

from service.interview.brains.drill_lines import flat, pick
from service.interview.directives import Directive

Pair = tuple[str, str]

_TOPIC_REPLIES: dict[str, Pair] = {
    "libraries": ("能用什么、不能用什么以题面为准，题目描述里列了禁止调用的 API。你打算怎么实现？",
                  "What you may use is in the statement, which lists the forbidden APIs. How will "
                  "you implement it?"),
    "io_format": ("输入输出的形状和类型以题目描述为准，函数签名已经在编辑器里了。你的思路是什么？",
                  "Inputs, outputs and their shapes are as the statement says; the signature is "
                  "already in the editor. What is your approach?"),
    "constraints": ("按一般规模考虑，太慢的话测试会超时。你的做法复杂度是多少？",
                    "Assume realistic sizes; a slow solution will time out in the tests. What is "
                    "the complexity of your approach?"),
    "hint": ("提示我不给。你能想到的最直接的做法是什么？",
             "No hints from me. What is the most direct approach you can think of?"),
    "time": ("时间还够，先把思路讲清楚再写。你打算怎么做？",
             "There is enough time; explain the approach before you write. How will you do it?"),
    "other": ("以题面为准。你先讲讲打算怎么做？",
              "Go by the statement. How do you plan to solve it?"),
}


def _zh(d: Directive) -> bool:
    return d.language == "zh"


def _let_code(d: Directive) -> str:
    time = flat(str(d.extra.get("time") or ""), 30)
    edges = "edge_cases" in (d.extra.get("missing") or [])
    if _zh(d):
        ack = f"思路清楚，你说复杂度是 {time}。" if time else "思路清楚。"
        ask = "动手前想一想：哪些边界情况要处理？写完先点「运行测试」，再「提交」。" if edges else \
            "开始写吧，写完先点「运行测试」自测，再点「提交」。"
        return ack + ask
    ack = f"Clear, and you put the complexity at {time}. " if time else "That's clear. "
    ask = ("Before you start: which edge cases must you handle? Run the tests, then submit." if
           edges else "Go ahead and write it; use Run tests first, then Submit.")
    return ack + ask


def _ask_complexity(d: Directive) -> str:
    return pick(("思路听明白了。那时间复杂度和空间复杂度分别是多少？", "好。这个做法的时间和空间复杂度是多少？")
                if _zh(d) else ("I follow the idea. What are its time and space complexity?",
                                "Fine. What does this cost in time and in memory?"),
                d.problem_id, d.extra.get("variant", 0))


def _ask_idea(d: Directive) -> str:
    time = flat(str(d.extra.get("time") or ""), 30)
    if _zh(d):
        lead = f"你说复杂度是 {time}，" if time else "复杂度先放一边，"
        return lead + "具体怎么做？分几步，每一步算什么？"
    lead = f"You say {time}; " if time else "Leave the complexity for now: "
    return lead + "how exactly will you do it, step by step?"


def _nudge(d: Directive) -> str:
    if d.extra.get("phase") == "after_fail":
        test = flat(d.failing_test, 40)
        if _zh(d):
            return f"先定位：`{test}` 在测什么？你的输出和预期差在哪？" if test else \
                "先定位：失败的用例在测什么？你的输出和预期差在哪？"
        return (f"Narrow it down: what does `{test}` check, and where does your output differ?"
                if test else "Narrow it down: what does the failing test check, and where does "
                "your output differ?")
    return ("先别急。最直接的做法是什么？输入是什么，输出要什么，中间要算哪几步？" if _zh(d) else
            "Take it slowly. What is the most direct approach: what goes in, what comes out, "
            "and which steps lie between?")


def _ask_fix(d: Directive) -> str:
    test = flat(d.failing_test, 40)
    if d.extra.get("cause"):
        return "原因找到了，那具体怎么改？" if _zh(d) else "You found the cause. How exactly will " \
                                                       "you fix it?"
    if _zh(d):
        return f"`{test}` 为什么没过？问题出在哪一步，怎么改？" if test else "问题出在哪一步？怎么改？"
    return (f"Why does `{test}` fail? Which step is wrong, and how will you fix it?" if test else
            "Which step is wrong, and how will you fix it?")


def _simple(d: Directive, move: str) -> str:
    lines: dict[str, Pair] = {
        "rerun": ("好，按你说的改，改完再提交一次。", "Good: make that change and submit again."),
        "use_editor": ("代码请写在右边的编辑器里，聊天框里的代码不会运行。写完点「提交」，我来跑测试。",
                       "Please write the code in the editor on the right; code in the chat is not "
                       "run. Submit it there and I will run the tests."),
        "carry_on": (("好。写完点「提交」，我来跑测试。", "Fine. Submit when you are done and I will "
                      "run the tests.") if d.extra.get("phase") != "after_fail" else
                     ("改完再提交一次。", "Fix it and submit again.")),
    }
    pair = lines.get(move, lines["carry_on"])
    return pair[0] if _zh(d) else pair[1]


def coding_talk(d: Directive) -> str:
    move = str(d.extra.get("move") or "carry_on")
    if move == "answer_question":
        pair = _TOPIC_REPLIES.get(str(d.extra.get("topic") or "other"), _TOPIC_REPLIES["other"])
        return pair[0] if _zh(d) else pair[1]
    handlers = {"let_code": _let_code, "ask_complexity": _ask_complexity, "ask_idea": _ask_idea,
                "nudge": _nudge, "ask_fix": _ask_fix}
    handler = handlers.get(move)
    return handler(d) if handler else _simple(d, move)


def answer_question(d: Directive) -> str:
    """The engine's general-terms answer and its "anything else?"."""
    body, invite = str(d.extra.get("body") or ""), str(d.extra.get("invite") or "")
    return f"{body}{'' if _zh(d) else ' '}{invite}".strip()


def closing_answer(d: Directive) -> str:
    """Before the closing line: the answer to the last question, or the early-end notice."""
    if d.extra.get("ended_early"):
        return "好，按你的要求提前结束。" if _zh(d) else "All right, we'll stop here as you asked. "
    answer = str(d.extra.get("answer") or "").strip()
    return f"{answer}{'' if _zh(d) else ' '}" if answer else ""
