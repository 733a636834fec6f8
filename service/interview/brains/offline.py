"""The offline brain: instant, deterministic interviewer lines from templates.

:class:`OfflineBrain` phrases every :class:`~service.interview.directives.Directive` kind in
Chinese and English the way a demanding but fair senior interviewer would: one question at a time,
concrete (numbers, mechanisms, the failing test by name), never revealing a reference answer. It
is the default brain and the fallback whenever the LLM brain fails, so it never raises.

Each kind has several phrasings; which one is used is a pure function of the directive (a SHA-256
of kind, project / entry / problem id, point and depth), so a replayed interview says exactly the
same thing while consecutive questions do not sound robotic. Candidate-derived strings (project
names, quoted answers, test messages) are flattened to one line and truncated before use.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence

from service.interview.directives import Directive

# point -> (zh label, en label, zh specifics, en specifics); specifics are what to pin down.
POINTS: dict[str, tuple[str, str, str, str]] = {
    "task": ("任务", "task", "输入输出的具体格式是什么，线上数据量级多大",
             "what exactly are the inputs and outputs, and at what scale"),
    "model": ("模型", "model", "参数量多大，改了哪几层，改完推理速度变化多少",
              "how many parameters, which layers you changed, and the inference cost"),
    "training": ("训练", "training", "学习率、batch size 多少，训练了多少个 epoch、用了几张卡",
                 "learning rate, batch size, number of epochs and GPUs"),
    "data": ("数据", "data", "训练集多少{unit}，正负样本比例是多少",
             "how many {unit_en} in the training set, and what is the class balance"),
    "difficulty": ("难点", "difficulty", "这个难点让指标差了多少，解决之后提升了多少",
                   "how much it cost you in the metric, and how much solving it gained"),
    "novelty": ("创新点", "novelty", "消融实验里去掉这个改动，指标掉了多少",
                "how much the metric drops in the ablation without this change"),
    "metrics": ("指标", "metrics", "用的哪个指标，baseline 多少，你最后做到多少",
                "which metric, what the baseline was, and what you reached"),
    "contribution": ("个人贡献", "contribution", "哪些模块是你亲手写的，占整个项目多大比例",
                     "which modules you wrote yourself, and what share of the project that is"),
}
_FIRST_ASK: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "task": (("先把任务说清楚：输入是什么、输出是什么，业务上怎么衡量做得好不好？",
              "这个项目的任务定义是什么？为什么不能直接用现成方案？"),
             ("First, pin down the task: what goes in, what comes out, and how is success judged?",
              "What exactly was the task definition, and why wasn't an off-the-shelf solution enough?")),
    "model": (("模型结构具体是怎样的？backbone 用的什么，你改了哪些地方，为什么这么改？",
               "为什么选这个模型？和你对比过的方案比，关键的结构差异在哪？"),
              ("Walk me through the architecture: which backbone, what did you change, and why?",
               "Why this model? Against the alternatives you tried, what is the key difference?")),
    "training": (("训练是怎么做的？loss 怎么设计，优化器、学习率和 batch size 分别是多少？",
                  "训练中遇到过不收敛或者过拟合吗？你具体是怎么定位和解决的？"),
                 ("How did you train it? Loss design, optimizer, learning rate, batch size?",
                  "Did training ever diverge or overfit? How exactly did you diagnose and fix it?")),
    "data": (("你们的数据具体是怎么来的？规模多大、怎么清洗和标注的？",
              "数据集有多大，类别分布怎么样？标注质量你是怎么保证的？"),
             ("Where did the data come from exactly? How large, and how was it cleaned and labeled?",
              "How big is the dataset, how are the classes distributed, and how was labeling checked?")),
    "difficulty": (("这个项目里最难的一个点是什么？试过哪些方法，哪些失败了，最后怎么解决的？",
                    "只挑一个技术难点讲：当时的瓶颈具体卡在哪里？"),
                   ("What was the single hardest part? What did you try, what failed, what worked?",
                    "Pick one technical difficulty: where exactly was the bottleneck?")),
    "novelty": (("你的方案和已有方法比，新在哪里？有没有消融实验证明这个改动真的有用？",
                 "这个改进的动机是什么？去掉它之后指标掉多少？"),
                ("What is actually new versus existing methods? Does an ablation prove it matters?",
                 "What motivated this change, and how much does the metric drop without it?")),
    "metrics": (("效果用什么指标衡量？baseline 是多少，你做到多少，在哪个测试集上测的？",
                 "你说效果提升了，具体是哪个指标、从多少到多少？测试集和训练集有没有重叠？"),
                ("Which metric did you use? Baseline, your result, and on which test set?",
                 "You say it improved: which metric, from what to what? Any train/test overlap?")),
    "contribution": (("这个项目里哪些部分是你本人做的？哪些是团队或者现成的？",
                      "说说你个人的贡献：哪段代码、哪个实验是你亲手写、亲手跑的？"),
                     ("Which parts did you personally do, and which came from the team or existing code?",
                      "What was your own contribution: which code and experiments were yours?")),
}
# (keywords in a vague reason, zh template, en template); {spec} = the point's specifics.
_PRESS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("number", "metric", "数字", "指标", "quantit"),
     "你还是没说具体数字：{spec}？", "You still haven't given a single number: {spec}?"),
    (("hedg", "含糊", "不确定", "uncertain"),
     "“大概”“可能”不算答案。给我确定的说法：{spec}？",
     "\"Maybe\" and \"probably\" are not answers. Give me something definite: {spec}?"),
    (("contribution", "team", "贡献", "我们"),
     "你一直在说“我们”。具体哪部分是你本人做的？{spec}？",
     "You keep saying \"we\". What did you do yourself: {spec}?"),
    (("defer", "tool", "library", "调包", "调库"),
     "“直接调库”不算回答。库内部是怎么做的？{spec}？",
     "\"Just call the library\" is not an answer. What happens inside? {spec}?"),
    (("existing", "off-the-shelf", "just_used", "现成"),
     "听起来只是用了现成模型。你自己到底改了什么？{spec}？",
     "That sounds like an off-the-shelf model. What did you actually change? {spec}?"),
    (("data", "数据"), "数据这块还是空的：{spec}？", "The data is still a blank: {spec}?"),
    (("short", "简短", "太短"), "展开说，别一句带过：{spec}？", "Expand on that, one line is not enough: {spec}?"),
    (("buzz", "generic", "mechanism", "specific", "concrete", "笼统", "空泛"),
     "这些说法太笼统了，“效果更好”不是答案。具体来说：{spec}？",
     "That is too generic; \"it works better\" is not an answer. Concretely: {spec}?"),
)
_TRACKS = {"cv-intern": ("CV 算法实习", "CV algorithm internship"),
           "llm-algorithm": ("大模型算法", "LLM algorithm"),
           "research-scientist": ("研究科学家", "research scientist"),
           "ml-fundamentals": ("机器学习基础", "ML fundamentals")}
_CODING_HINTS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("mask", "causal"), "你的 mask 方向是不是反了？", "is your mask pointing the wrong way?"),
    (("shape", "dim", "broadcast", "size"), "维度或者广播是不是搞错了？",
     "did you get a dimension or a broadcast wrong?"),
    (("nan", "inf", "overflow", "stable", "stability"),
     "数值稳定性呢？有没有先减最大值、加 eps？", "what about numerical stability: max-subtraction, eps?"),
    (("grad", "backward"), "反向传播的公式你推一下，哪一项漏了？",
     "derive the backward pass: which term is missing?"),
    (("empty", "edge", "zero", "single", "boundary", "corner"),
     "边界情况你处理了吗？", "did you handle the edge case?"),
    (("dtype", "float", "int"), "数据类型是不是不对？", "is the dtype wrong?"),
)


_CODE = re.compile(r"[a-z0-9_]+")


def _pick(options: Sequence[str], *keys: object) -> str:
    digest = hashlib.sha256("|".join(str(k) for k in keys).encode("utf-8")).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def _flat(text: str | None, limit: int = 80) -> str:
    one_line = " ".join((text or "").split())
    return one_line if len(one_line) <= limit else one_line[:limit - 1] + "…"


def _zh(d: Directive) -> bool:
    return d.language == "zh"


def _greet(d: Directive) -> str:
    zh_track, en_track = _TRACKS.get(d.track, ("", ""))
    if _zh(d):
        lead = f"你好，今天面的方向是：{zh_track}。" if zh_track else "你好，我是今天的面试官。"
        return lead + _pick(("先用两三分钟做个自我介绍，重点讲一个你做得最深的项目。",
                             "时间有限，先简单介绍一下自己，挑一个你最熟的项目重点说。",
                             "今天会问项目、基础和手写代码。先做个两分钟以内的自我介绍。"), d.track)
    lead = f"Hi, this is the {en_track} interview. " if en_track else "Hi, I'll be your interviewer. "
    return lead + _pick(("Start with a two-minute introduction, focused on your deepest project.",
                         "Briefly introduce yourself and pick the one project you know best.",
                         "We'll cover projects, fundamentals and live coding. Introduce yourself "
                         "in under two minutes."), d.track)


def _ask_project(d: Directive) -> str:
    name = _flat(d.project_name, 40)
    if _zh(d):
        name = f"「{name}」" if name else "简历上的第一个项目"
        return _pick((f"我们聊聊你简历上的{name}。先用一两句话说清楚：它要解决什么问题？",
                      f"看到你做过{name}。这个项目的任务是什么，你在里面负责哪块？"), name)
    name = f"\"{name}\"" if name else "the first project on your résumé"
    return _pick((f"Let's talk about {name}. In one or two sentences: what problem did it solve?",
                  f"I see {name} on your résumé. What was the task, and which part was yours?"), name)


def _spec(d: Directive, point: str) -> str:
    info = POINTS.get(point)
    cv = "cv" in d.track
    if info is None:
        return f"「{point}」具体是怎么做的" if _zh(d) else f"how exactly you handled {point}"
    text = info[2] if _zh(d) else info[3]
    return text.format(unit="张图" if cv else "条样本", unit_en="images" if cv else "samples")


def _press(d: Directive, point: str) -> str:
    spec = _spec(d, point)
    reasons = " ".join(d.vague_reasons).lower()
    for keywords, zh, en in _PRESS:
        if any(k in reasons for k in keywords):
            line = (zh if _zh(d) else en).format(spec=spec)
            return re.sub(r"([?.!] )([a-z])", lambda m: m[1] + m[2].upper(), line)
    readable = [r for r in d.vague_reasons if not _CODE.fullmatch(r)]  # never show "no_x" codes
    if readable:
        why = _flat("；".join(readable) if _zh(d) else "; ".join(readable), 60)
        return f"还是不够具体（{why}）。{spec}？" if _zh(d) else f"Still vague ({why}). {spec}?"
    return f"还是不够具体。{spec}？" if _zh(d) else f"Still not concrete. Tell me {spec}?"


def split_contradiction(text: str | None) -> tuple[str, str]:
    """The engine writes ``"<résumé claim> vs said <what the answer said>"``."""
    claim, sep, said = (text or "").partition(" vs said ")
    return claim.strip(), said.strip() if sep else ""


def _contradiction(d: Directive) -> str:
    claim, said = split_contradiction(d.contradiction)
    claim, said = _flat(claim, 60), _flat(said or d.candidate_text, 40)
    if _zh(d):
        heard = f"你刚才说「{said}」" if said else "和你刚才说的对不上"
        return f"简历上写的是「{claim}」，{heard}，到底是多少？以哪个为准？"
    heard = f"you just said \"{said}\"" if said else "that doesn't match what you just said"
    return f"Your résumé says \"{claim}\", but {heard}. Which one is it?"


def _drill(d: Directive) -> str:
    point = d.point or "task"
    if d.contradiction:
        return _contradiction(d)
    if d.depth <= 0:
        zh_opts, en_opts = _FIRST_ASK.get(point, ((f"关于「{point}」，具体讲讲你是怎么做的？",),
                                                  (f"Tell me concretely how you handled {point}.",)))
        return _pick(zh_opts if _zh(d) else en_opts, d.project_name, point)
    lead = ("我再问最后一次。" if _zh(d) else "Last time on this one. ") if d.depth >= 2 else ""
    return lead + _press(d, point)


def _ask_concept(d: Directive) -> str:
    q = (d.question or "").strip()
    if _zh(d):
        q = q or "讲讲你最熟悉的一个模型的原理。"
        return _pick((f"下一个问题：{q}", f"我们换个方向，考考基础。{q}",
                      f"{q} 讲原理，别只说结论。"), d.entry_id, q)
    q = q or "Explain how the model you know best works."
    return _pick((f"Next question: {q}", f"Let's switch to fundamentals. {q}",
                  f"{q} Explain the mechanism, not just the conclusion."), d.entry_id, q)


def _follow_up(d: Directive) -> str:
    q, missed = (d.question or "").strip(), _flat(d.missed_points[0] if d.missed_points else "", 80)
    if _zh(d):
        lead = _pick(("我再往下追一个。", "接着这个往下问。"), d.entry_id, d.depth)  # never claims a miss
        return lead + (q or f"你没讲到这一点：{missed}——为什么？展开说说。")
    lead = _pick(("Let me push further. ", "Let's go one level deeper. "), d.entry_id, d.depth)
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
    zh, status, msg = _zh(d), (d.status or "").lower(), _flat(d.failing_message, 140)
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
    return _pick(("我这边的问题就到这里。你有什么想问我的吗？", "好，我问完了。你有什么问题要问我？")
                 if _zh(d) else ("That's all from my side. Do you have any questions for me?",
                                 "I'm done with my questions. What would you like to ask me?"),
                 d.track)


def _answer_question(d: Directive) -> str:
    q = _flat(d.candidate_text, 40)
    if _zh(d):
        quoted = f"你问的是「{q}」。" if q else ""
        return quoted + "这个我这边不方便给确切答复，后面的环节可以再和团队确认。还有别的问题吗？"
    quoted = f"You asked \"{q}\". " if q else ""
    return quoted + "I can't give a definite answer here; the team can follow up later. " \
                    "Anything else?"


def _close(d: Directive) -> str:
    score = d.overall_score
    if _zh(d):
        s = f"整体得分 {round(score)} 分。" if score is not None else ""
        return f"今天就到这里。{s}详细报告已经生成，重点看被追问住的地方。"
    s = f"Your overall score is {round(score)}. " if score is not None else ""
    return f"That's it for today. {s}The detailed report is ready; focus on where you got stuck."


def _refuse_skip(d: Directive) -> str:
    q = (d.question or "").strip()
    if _zh(d):
        lead = _pick(("这个不能跳过，流程也不会因为这句话改变。", "不行，我们按流程来。"), q)
        return lead + (f"回到刚才的问题：{q}" if q else "请先回答刚才的问题。")
    lead = _pick(("We can't skip this, and that won't change how the interview runs. ",
                  "No, we'll stick to the process. "), q)
    return lead + (f"Back to the question: {q}" if q else "Please answer the previous question.")


_RENDER = {"greet_and_ask_intro": _greet, "ask_project": _ask_project, "drill_point": _drill,
           "ask_concept": _ask_concept, "concept_follow_up": _follow_up,
           "present_coding": _present_coding, "coding_feedback": _coding_feedback,
           "invite_questions": _invite, "answer_candidate_question": _answer_question,
           "close": _close, "refuse_skip": _refuse_skip}


def render(directive: Directive) -> str:
    """The offline interviewer line for ``directive`` (pure function)."""
    return _RENDER[directive.kind](directive)


class OfflineBrain:
    """Deterministic template brain; never raises, yields the whole line as one chunk."""

    name = "offline"

    def speak(self, directive: Directive) -> Iterator[str]:
        yield render(directive)
