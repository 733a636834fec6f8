"""Offline phrasing of drilling lines: first questions, presses that quote, confrontations, probes.

A press picks up the candidate's own words (``quote``) and reacts to *how* they dodged
(``quote_kind``: a default has a value; "we" hides "I"; "a lot" is a number; "效果还可以" is not a
result), then asks for exactly the missing slots (``asks``, from the engine). A contradiction
quotes both sides. A technique probe names the technique the candidate used and asks the
knowledge base's question about it. Every template has variants; ``extra["variant"]`` (set by
the engine so no line repeats in an interview) and the directive's own data choose among them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from service.interview.directives import Directive
from service.interview.drilling.slots import SLOTS, missing_for

# point -> (zh label, en label)
POINT_LABELS: dict[str, tuple[str, str]] = {
    "task": ("任务", "task"), "model": ("模型", "model"), "training": ("训练", "training"),
    "data": ("数据", "data"), "difficulty": ("难点", "difficulty"), "novelty": ("创新点", "novelty"),
    "metrics": ("指标", "metrics"), "contribution": ("个人贡献", "contribution"),
    "technique": ("技术细节", "technique"),
}
FIRST_ASK: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "task": (("先把任务说清楚：输入是什么、输出是什么，业务上怎么衡量做得好不好？",
              "这个项目的任务定义是什么？输入输出分别是什么，做到什么程度算成功？"),
             ("First, pin down the task: what goes in, what comes out, and how is success judged?",
              "What exactly was the task: inputs, outputs, and what counted as success?")),
    "model": (("模型结构具体是怎样的？backbone 用的什么，你改了哪些地方，为什么这么改？",
               "为什么选这个模型？和你对比过的方案比，关键的结构差异在哪？"),
              ("Walk me through the architecture: which backbone, what did you change, and why?",
               "Why this model? Against the alternatives you tried, what is the key difference?")),
    "training": (("训练是怎么做的？loss 怎么设计，优化器、学习率和 batch size 分别是多少？",
                  "说说训练配置：用的什么 loss 和优化器，学习率、batch size、训了多少轮？"),
                 ("How did you train it? Loss, optimizer, learning rate, batch size, epochs?",
                  "Walk me through the training setup: loss, optimizer, learning rate and schedule, "
                  "batch size, how long?")),
    "data": (("你们的数据具体是怎么来的？规模多大、怎么清洗和标注的？",
              "数据集有多大，类别分布怎么样？标注质量你是怎么保证的？"),
             ("Where did the data come from exactly? How large, and how was it cleaned and labeled?",
              "How big is the dataset, how are the classes distributed, and how was labeling checked?")),
    "difficulty": (("这个项目里最难的一个点是什么？试过哪些方法，哪些失败了，最后怎么解决的？",
                    "只挑一个技术难点讲：当时的瓶颈具体卡在哪里，你怎么定位、怎么解决的？"),
                   ("What was the single hardest part? What did you try, what failed, what worked?",
                    "Pick one technical difficulty: where exactly was the bottleneck, and how did "
                    "you find and fix it?")),
    "novelty": (("你的方案和已有方法比，新在哪里？有没有消融实验证明这个改动真的有用？",
                 "这个改进的动机是什么？去掉它之后指标掉多少？"),
                ("What is actually new versus existing methods? Does an ablation prove it matters?",
                 "What motivated this change, and how much does the metric drop without it?")),
    "metrics": (("效果用什么指标衡量？baseline 是多少，你做到多少，在哪个测试集上测的？",
                 "具体是哪个指标、从多少到多少？在什么测试集上测的？"),
                ("Which metric did you use? Baseline, your result, and on which test set?",
                 "Which metric, from what to what, and on which test set?")),
    "contribution": (("这个项目里哪些部分是你本人做的？哪些是团队或者现成的？",
                      "说说你个人的贡献：哪段代码、哪个实验是你亲手写、亲手跑的？"),
                     ("Which parts did you personally do, and which came from the team or "
                      "existing code?",
                      "What was your own contribution: which code and experiments were yours?")),
}
# quote_kind -> (zh leads, en leads); {q} is the candidate's words.
_LEADS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "default": (("你说「{q}」——默认值也是具体的数。", "「{q}」不算答案，默认值是多少？"),
                ('You said "{q}" - defaults are concrete numbers too.',
                 '"{q}" is not an answer; what are the defaults, then?')),
    "default_model": (("你说「{q}」——那你具体改了什么？", "「{q}」？那你自己动过哪里？"),
                      ('You said "{q}" - so what exactly did you change?',
                       '"{q}"? Then what did you change yourself?')),
    "team": (("你说「{q}」——那你本人负责的是哪一块？", "「{q}」里，哪一部分是你自己做的？"),
             ('You said "{q}" - so which part was yours?', '"{q}": which piece did you do yourself?')),
    "quantity": (("「{q}」是多少？给个数。", "你说「{q}」，具体多少？"),
                 ('"{q}" - how many exactly?', 'You said "{q}". Give me the number.')),
    "quality": (("你说「{q}」——这不是结果。", "「{q}」是多少？要数字。"),
                ('You said "{q}" - that is not a result.', '"{q}" - by how much? I need numbers.')),
    "secret": (("你说「{q}」。具体数字不方便说的话，给量级或相对值也行。", "「{q}」可以理解，给个量级就行。"),
               ('You said "{q}". If the exact numbers are confidential, give the order of magnitude.',
                '"{q}" - fine, then give me rough magnitudes.')),
    "memory": (("你说「{q}」。记不清的话给个大概的量级。", "「{q}」？那说你记得的部分。"),
               ('You said "{q}". Then give me a rough figure.', '"{q}"? Tell me what you do remember.')),
    "deflect": (("你说「{q}」——别人都用不是理由。", "「{q}」不是选型理由。"),
                ('You said "{q}" - popularity is not a reason.', '"{q}" is not a reason to choose it.')),
    "generic": (("你说「{q}」，太笼统了。", "「{q}」——具体是什么？"),
                ('You said "{q}" - that is too general.', '"{q}" - what exactly?')),
    "applied": (("你说「{q}」——把现成模块用到新场景，本身不算创新。", "「{q}」只是用了已有方法。"),
                ('You said "{q}" - applying an existing method is not novelty by itself.',
                 '"{q}" is using an existing method.')),
    "vague": (("你说「{q}」，具体一点。", "「{q}」——展开说。"),
              ('You said "{q}". Be specific.', '"{q}" - go into detail.')),
    "partial": (("你说「{q}」——", "「{q}」，然后呢？", "你提到「{q}」。"),
                ('You said "{q}" - ', '"{q}" - and then? ', 'You mentioned "{q}". ')),
    "unknown": (("你说「{q}」。那说说你能确定的部分：", "「{q}」的话，先说你知道的："),
                ('You said "{q}". Then tell me what you do know: ', '"{q}" - start with what you know: ')),
    "empty": (("你还没回答这个问题。", "这个问题还没答。"),
              ("You haven't answered this yet.", "That question is still open.")),
}
# The same reactions when the engine names the project's model ({tech}).
_LEADS_TECH: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "default": (("你说「{q}」——{tech} 的默认值也是具体的数。", "「{q}」不算答案，{tech} 默认的是多少？"),
                ('You said "{q}" - {tech}\'s defaults are concrete numbers too.',
                 '"{q}" is not an answer; what are {tech}\'s defaults?')),
    "default_model": (("你说「{q}」——那在 {tech} 之外，你具体改了什么？", "「{q}」？{tech} 之外你自己动过哪里？"),
                      ('You said "{q}" - so what exactly did you change beyond {tech}?',
                       '"{q}"? What did you change in {tech} yourself?')),
}
_LAST = ("我再问最后一次：", "Last time on this one: ")


def pick(options: Sequence[str], *keys: object) -> str:
    digest = hashlib.sha256("|".join(str(k) for k in keys).encode("utf-8")).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def flat(text: str | None, limit: int = 80) -> str:
    one_line = " ".join((text or "").split())
    return one_line if len(one_line) <= limit else one_line[:limit - 1] + "…"


def _zh(d: Directive) -> bool:
    return d.language == "zh"


def _variant(d: Directive) -> int:
    return int(d.extra.get("variant", 0) or 0)


def join_asks(asks: Sequence[str], zh: bool) -> str:
    """"初始学习率是多少、怎么衰减？batch size 多大？" — one question mark per asked slot."""
    if not asks:
        return "具体是怎么做的？" if zh else "How exactly?"
    if zh:
        return "".join(f"{a}？" for a in asks)
    return " ".join(f"{a[0].upper()}{a[1:]}?" for a in asks)


def first_ask(d: Directive) -> str:
    point = d.point or "task"
    zh_opts, en_opts = FIRST_ASK.get(point, ((f"关于「{point}」，具体讲讲你是怎么做的？",),
                                             (f"Tell me concretely how you handled {point}.",)))
    options = zh_opts if _zh(d) else en_opts
    return pick(options, d.project_name, point, _variant(d))


def credited_ask(d: Directive) -> str:
    zh_label, en_label = POINT_LABELS.get(d.point or "", (d.point or "", d.point or ""))
    q, asks = flat(d.quote, 40 if _zh(d) else 90), join_asks(d.asks, _zh(d))
    if _zh(d):
        return pick((f"{zh_label}你前面提到过「{q}」，这个我记下了。还差：{asks}",
                     f"关于{zh_label}，你说过「{q}」。那{asks}"), d.point, _variant(d))
    return pick((f'On the {en_label}, you already said "{q}" - noted. Still missing: {asks}',
                 f'You mentioned "{q}" about the {en_label}. Then: {asks}'), d.point, _variant(d))


def _asks(d: Directive) -> list[str]:
    """The engine's asks; for a bare press (no slot data), the point's essential slots."""
    if d.asks or d.point not in SLOTS:
        return list(d.asks)
    return [slot.ask(d.language) for slot in missing_for(d.point, set())]


def press(d: Directive) -> str:
    zh = _zh(d)
    kind = d.quote_kind if d.quote_kind in _LEADS else "vague"
    q = flat(d.quote, 40 if zh else 90)
    if kind == "off_point" or (d.credited and q):
        label = POINT_LABELS.get(d.point or "", ("", ""))[0 if zh else 1]
        got = "、".join(d.credited) if zh else ", ".join(d.credited)
        lead = (f"你说的「{q}」是{got}，这个我记下了。回到{label}：" if zh else
                f'"{q}" covers {got} - noted. Back to the {label}: ')
    elif not q and kind != "empty":
        lead = _LEADS["empty"][0 if zh else 1][0]
    else:
        if kind == "default" and d.point == "model":
            kind = "default_model"
        tech = flat(d.technique, 24)
        table = _LEADS_TECH if tech and kind in _LEADS_TECH else _LEADS
        lead = pick(table[kind][0 if zh else 1], d.point, d.depth, _variant(d)).format(q=q, tech=tech)
    prefix = (_LAST[0] if zh else _LAST[1]) if d.depth >= 2 else ""
    sep = "" if zh or lead.endswith(" ") else " "  # 'You mentioned "…". ' ends with its space
    return f"{prefix}{lead}{sep}{join_asks(_asks(d), zh)}"


def contradiction(d: Directive) -> str:
    claim, _, said = (d.contradiction or "").partition(" vs said ")
    claim, said = flat(claim, 60), flat(said or d.quote or d.candidate_text, 50)
    from_resume = "contradiction:answer" not in d.vague_reasons
    if _zh(d):
        where = "简历上写的是" if from_resume else "你前面说的是"
        return pick((f"{where}「{claim}」，刚才你说「{said}」——哪个是对的？差别从哪来？",
                     f"{where}「{claim}」，可你刚才说「{said}」。这两个对不上，以哪个为准？"),
                    claim, said, _variant(d))
    where = "Your résumé says" if from_resume else "Earlier you said"
    return pick((f'{where} "{claim}", but you just said "{said}". Which is it, and where does the '
                 "difference come from?",
                 f'{where} "{claim}"; just now you said "{said}". Those don\'t match - which one '
                 "is right?"), claim, said, _variant(d))


def probe(d: Directive) -> str:
    q, tech = (d.question or "").strip(), flat(d.technique, 30)
    if d.depth >= 1:
        lead = pick(("还不够。", "这里没讲到关键。") if _zh(d) else ("Not enough. ", "You missed the key part. "),
                    d.entry_id, _variant(d))
        return lead + q
    if _zh(d):
        return pick((f"你提到用了「{tech}」，那往下挖一层：{q}", f"既然用了「{tech}」——{q}"),
                    d.entry_id, _variant(d))
    return pick((f'You mentioned "{tech}". One level deeper: {q}', f'Since you used "{tech}": {q}'),
                d.entry_id, _variant(d))


def drill(d: Directive) -> str:
    """The line for a ``drill_point`` (or the first ``ask_project``) directive."""
    if d.point == "technique":
        return probe(d)
    if d.contradiction:
        return contradiction(d)
    if d.depth <= 0:
        return credited_ask(d) if d.quote_kind == "credited" and d.asks else first_ask(d)
    return press(d)
