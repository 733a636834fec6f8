"""The offline brain: instant, deterministic interviewer lines from templates.

:class:`OfflineBrain` phrases every :class:`~service.interview.directives.Directive` kind in
Chinese and English the way a demanding but fair senior interviewer would: one question at a time,
concrete (numbers, mechanisms, the failing test by name), never revealing a reference answer. It
is the default brain and the fallback whenever the LLM brain fails, so it never raises.

Each kind has several phrasings; which one is used is a pure function of the directive (a SHA-256
of kind, project / entry / problem id, point, depth and ``extra["variant"]``), so a replayed
interview says exactly the same thing while consecutive questions do not sound robotic; the engine
raises the variant when a line was already said in the interview, so none repeats. Drilling lines
(presses that quote the candidate, confrontations, technique probes) live in :mod:`.drill_lines`.
Candidate-derived strings (project names, quoted answers, test messages) are flattened to one
line and truncated before use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from service.evaluator_text import localized
from service.interview.brains import coding_lines, drill_lines
from service.interview.brains.drill_lines import flat, pick
from service.interview.directives import Directive

_TRACKS = {"cv-intern": ("CV 算法实习", "CV algorithm internship"),
           "llm-algorithm": ("大模型算法", "LLM algorithm"),
           "research-scientist": ("研究科学家", "research scientist"),
           "ml-fundamentals": ("机器学习基础", "ML fundamentals")}
_CODING_HINTS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("mask", "causal"), "你的 mask 方向是不是反了？", "is your mask pointing the wrong way?"),
    # before shapes: a NaN's message also prints the shape ("non-finite values; shape ()")
    (("nan", "inf", "non-finite", "overflow", "stable", "stability"),
     "数值稳定性呢？有没有先减最大值、加 eps？", "what about numerical stability: max-subtraction, eps?"),
    (("shape", "dim", "broadcast", "size"), "维度或者广播是不是搞错了？",
     "did you get a dimension or a broadcast wrong?"),
    (("grad", "backward"), "反向传播的公式你推一下，哪一项漏了？",
     "derive the backward pass: which term is missing?"),
    (("empty", "edge", "zero", "single", "boundary", "corner"),
     "边界情况你处理了吗？", "did you handle the edge case?"),
    (("dtype", "float", "int"), "数据类型是不是不对？", "is the dtype wrong?"),
)


_HINT = re.compile(r"[.。]?\s*(?:Hint|提示)\s*[:：]")
_pick = pick
_flat = flat


def _variant(d: Directive) -> int:
    return int(d.extra.get("variant", 0) or 0)


def _zh(d: Directive) -> bool:
    return d.language == "zh"


def _greet(d: Directive) -> str:
    zh_track, en_track = _TRACKS.get(d.track, ("", ""))
    if _zh(d):
        lead = f"你好，今天面的方向是：{zh_track}。" if zh_track else "你好，我是今天的面试官。"
        return lead + _pick(("先用两三分钟做个自我介绍，重点讲一个你做得最深的项目。",
                             "时间有限，先简单介绍一下自己，挑一个你最熟的项目重点说。",
                             "今天会问项目、基础和手写代码。先做个两分钟以内的自我介绍。"), d.track, _variant(d))
    lead = f"Hi, this is the {en_track} interview. " if en_track else "Hi, I'll be your interviewer. "
    return lead + _pick(("Start with a two-minute introduction, focused on your deepest project.",
                         "Briefly introduce yourself and pick the one project you know best.",
                         "We'll cover projects, fundamentals and live coding. Introduce yourself "
                         "in under two minutes."), d.track, _variant(d))


def _ask_project(d: Directive) -> str:
    name = _flat(d.project_name, 40)
    if _zh(d):
        name = f"「{name}」" if name else "简历上的第一个项目"
        return _pick((f"我们聊聊你简历上的{name}。先说清楚：它的输入是什么、输出是什么，做到什么程度算成功？",
                      f"看到你做过{name}。这个项目的任务具体是什么——输入、输出、怎么衡量好坏？"),
                     name, _variant(d))
    name = f"\"{name}\"" if name else "the first project on your résumé"
    return _pick((f"Let's talk about {name}. What went in, what came out, and what counted as "
                  "success?",
                  f"I see {name} on your résumé. What exactly was the task - inputs, outputs, and "
                  "how was it judged?"), name, _variant(d))


def split_contradiction(text: str | None) -> tuple[str, str]:
    """The engine writes ``"<earlier claim> vs said <what the answer said>"``."""
    claim, sep, said = (text or "").partition(" vs said ")
    return claim.strip(), said.strip() if sep else ""


def _drill(d: Directive) -> str:
    if d.kind == "ask_project" and d.depth <= 0 and not d.asks and d.point in (None, "task"):
        return _ask_project(d)
    return drill_lines.drill(d)


def _ask_concept(d: Directive) -> str:
    q = (d.question or "").strip()
    tech = _flat(d.technique, 30)
    from_resume = d.extra.get("link_source") != "answer"
    if _zh(d):
        q = q or "讲讲你最熟悉的一个模型的原理。"
        if tech:
            where = "你简历上写了" if from_resume else "你刚才提到"
            return _pick((f"{where}「{tech}」，那考考原理：{q}", f"回到你用过的「{tech}」。{q}"),
                         d.entry_id, q, _variant(d))
        return _pick((f"下一个问题：{q}", f"我们换个方向，考考基础。{q}",
                      f"{q} 讲原理，别只说结论。"), d.entry_id, q, _variant(d))
    q = q or "Explain how the model you know best works."
    if tech:
        where = "Your résumé mentions" if from_resume else "You mentioned"
        return _pick((f'{where} "{tech}", so: {q}', f'Back to "{tech}", which you used. {q}'),
                     d.entry_id, q, _variant(d))
    return _pick((f"Next question: {q}", f"Let's switch to fundamentals. {q}",
                  f"{q} Explain the mechanism, not just the conclusion."), d.entry_id, q,
                 _variant(d))


def _follow_up(d: Directive) -> str:
    q, missed = (d.question or "").strip(), _flat(d.missed_points[0] if d.missed_points else "", 80)
    nothing = d.score == 0  # nothing ticked: not "deeper", a narrower way in
    if _zh(d):
        lead = _pick(("换个具体的点问。", "先从一个具体的点说起。") if nothing else
                     ("我再往下追一个。", "接着这个往下问。"), d.entry_id, d.depth,
                     _variant(d))  # never claims a miss
        return lead + (q or f"你没讲到这一点：{missed}——为什么？展开说说。")
    lead = _pick(("Let me ask about one specific part. ", "Take one concrete piece of it. ")
                 if nothing else ("Let me push further. ", "Let's go one level deeper. "),
                 d.entry_id, d.depth, _variant(d))
    return lead + (q or f"You didn't cover this: {missed}. Why is that so? Go deeper.")


def _present_coding(d: Directive) -> str:
    title = _flat(d.problem_title or d.problem_id, 50)
    if _zh(d):
        return _pick((f"下面手写代码：「{title}」。先讲思路和复杂度，再写；注意边界情况，写完我会跑测试。",
                      f"来写一道题：「{title}」。不许调现成实现，先说清楚张量形状再动手。"), d.problem_id)
    return _pick((f"Now some code: \"{title}\". Explain the approach and complexity first, then "
                  "write it; mind the edge cases, I will run the tests.",
                  f"Write \"{title}\" from scratch, no library shortcut. State the tensor shapes "
                  "before you start."), d.problem_id)


def _coding_feedback(d: Directive) -> str:
    zh, status = _zh(d), (d.status or "").lower()
    # the evaluator's text, in Chinese too, without its "Hint: …": the interviewer asks, the fix
    # is the candidate's to find (the results table still shows the whole message)
    msg = _flat(_HINT.split(localized(d.failing_message, d.language) or "", maxsplit=1)[0], 140)
    if status == "passed" or (not d.failing_test and status in ("", "ok")):
        return _pick(("测试全过了。时间和空间复杂度是多少？输入再大十倍，哪里先成为瓶颈？",
                      "都过了。如果要上线用，你还会改哪里？数值稳定性考虑了吗？") if zh else
                     ("All tests pass. What are the time and memory costs, and what breaks first "
                      "at ten times the input size?",
                      "Everything passes. What would you change before shipping it? Is it "
                      "numerically stable?"), d.problem_id)
    by_status = {"timeout": ("超时了。复杂度是多少？是不是写成了 O(n²) 或者有死循环？",
                             "It timed out. What's the complexity: an accidental O(n²) or a loop?"),
                 "memory_limit": ("内存超了。你是不是物化了一个没必要的大矩阵？",
                                  "Out of memory. Are you materializing a matrix you don't need?"),
                 "forbidden_api": (f"你调用了禁止使用的 API（{msg}）。这题要手写，去掉它自己实现。",
                                   f"You used a forbidden API ({msg}). Implement it yourself."),
                 "error": (f"代码直接报错了：{msg}。先别急着改，说说是哪一行、为什么。",
                           f"Your code crashed: {msg}. Before fixing it, which line and why?")}
    if status in by_status and not d.failing_test:
        return by_status[status][0 if zh else 1]
    test = _flat(d.failing_test, 40) or ("有用例" if zh else "a test")
    probe = f"{test} {msg}".lower()
    hint = next(((h_zh if zh else h_en) for keys, h_zh, h_en in _CODING_HINTS
                 if any(k in probe for k in keys)),
                "这个用例在测什么？你的代码哪一步和预期不一样？" if zh else
                "what is this test checking, and where does your code diverge?")
    if zh:
        return f"`{test}` 没过：{msg} —— {hint}" if msg else f"`{test}` 没过 —— {hint}"
    return f"`{test}` fails: {msg} — {hint}" if msg else f"`{test}` fails — {hint}"


def _invite(d: Directive) -> str:
    if d.extra.get("coding_left"):  # the candidate gave up on the coding problem
        lead = "好，这道题先到这里。" if _zh(d) else "All right, let's leave this problem here. "
        return lead + _invite(d.model_copy(update={"extra": {**d.extra, "coding_left": False}}))
    return _pick(("我这边的问题就到这里。你有什么想问我的吗？", "好，我问完了。你有什么问题要问我？")
                 if _zh(d) else ("That's all from my side. Do you have any questions for me?",
                                 "I'm done with my questions. What would you like to ask me?"),
                 d.track, _variant(d))


def _answer_question(d: Directive) -> str:
    if d.extra.get("body"):  # the engine's general-terms answer (candidate_questions)
        return coding_lines.answer_question(d)
    q = _flat(d.candidate_text, 40)
    if _zh(d):
        quoted = f"你问的是「{q}」。" if q else ""
        return quoted + "这个我这边不方便给确切答复，后面的环节可以再和团队确认。还有别的问题吗？"
    quoted = f"You asked \"{q}\". " if q else ""
    return quoted + "I can't give a definite answer here; the team can follow up later. " \
                    "Anything else?"


def _close(d: Directive) -> str:
    score = d.overall_score
    lead = coding_lines.closing_answer(d)
    early = bool(d.extra.get("ended_early"))
    if _zh(d):
        s = f"整体得分 {round(score)} 分" if score is not None else ""
        s = (s + "（只按已经问到的内容评分）。" if s else "只按已经问到的内容评分。") if early else \
            (s + "。" if s else "")
        return f"{lead}今天就到这里。{s}详细报告已经生成，重点看被追问住的地方。"
    s = f"Your overall score is {round(score)}" if score is not None else ""
    if early:
        s = s + ", counting only what was asked. " if s else "Only what was asked is scored. "
    else:
        s = s + ". " if s else ""
    return f"{lead}That's it for today. {s}The detailed report is ready; focus on where you got " \
        "stuck."


def _refuse_skip(d: Directive) -> str:
    q = (d.question or "").strip()
    if _zh(d):
        lead = _pick(("这个不能跳过，流程也不会因为这句话改变。", "不行，我们按流程来。"), q)
        return lead + (f"回到刚才的问题：{q}" if q else "请先回答刚才的问题。")
    lead = _pick(("We can't skip this, and that won't change how the interview runs. ",
                  "No, we'll stick to the process. "), q)
    return lead + (f"Back to the question: {q}" if q else "Please answer the previous question.")


_RENDER = {"greet_and_ask_intro": _greet, "ask_project": _drill, "drill_point": _drill,
           "ask_concept": _ask_concept, "concept_follow_up": _follow_up,
           "present_coding": _present_coding, "coding_feedback": _coding_feedback,
           "invite_questions": _invite, "answer_candidate_question": _answer_question,
           "close": _close, "refuse_skip": _refuse_skip, "coding_talk": coding_lines.coding_talk}


# Said before a line the engine asks to vary (``extra["variant"]`` > 0), so that no line is
# repeated within an interview even when its template and data are the same.
_AGAIN = {"zh": ("", "还是刚才那个问题。", "我换个问法。", "再问一遍。", "回到这个问题。", "我们接着来。", "听好了。",
                 "认真回答。"),
          "en": ("", "Same question as before. ", "Let me put it another way. ", "Once more. ",
                 "Back to this. ", "Let's continue. ", "Listen carefully. ", "Take this seriously. ")}


def render(directive: Directive) -> str:
    """The offline interviewer line for ``directive`` (pure function)."""
    line = _RENDER[directive.kind](directive)
    again = _AGAIN["zh" if _zh(directive) else "en"]
    return again[_variant(directive) % len(again)] + line


class OfflineBrain:
    """Deterministic template brain; never raises, yields the whole line as one chunk."""

    name = "offline"

    def speak(self, directive: Directive) -> Iterator[str]:
        yield render(directive)
