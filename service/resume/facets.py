"""Facet extractors for one résumé item: period, organisation, role, methods, data, task and
own-contribution sentences. Metrics live in ``metrics``; item naming and flags in ``claims``.

All extractors are regex + lexicon based, deterministic and cheap (no model calls): the record
they produce is a *map of what the candidate claims*, which the interviewer then probes; recall
on well-formed résumés matters more than perfect precision on odd phrasing.
"""

from __future__ import annotations

import re

from service.resume import vocab
from service.resume.lexicon import METHOD_TERMS

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_YEAR_MONTH = r"(?<!\d)(?:19|20)\d{2}\s*[./\-年]\s*\d{1,2}(?!\d)\s*月?"
_DATE = (rf"(?:{_YEAR_MONTH}|(?<!\d)(?:19|20)\d{{2}}|{_MONTH}\s+(?:19|20)\d{{2}}"
         r"|(?:Spring|Summer|Fall|Autumn|Winter)\s+(?:19|20)\d{2})")
_END = rf"(?:{_DATE}|至今|今|现在|Present|Now|Current|Today)"
_RANGE = rf"{_DATE}\s*(?:{vocab.DASH}|至|到|to|until|till)\s*{_END}"
PERIOD = re.compile(rf"{_RANGE}|{_YEAR_MONTH}|{_MONTH}\s+(?:19|20)\d{{2}}", re.IGNORECASE)
_YEAR = re.compile(r"(?:^|[|｜(（\s])((?:19|20)\d{2})(?=$|[|｜)）\s,，])")

_SENTENCE_SPLIT = re.compile(r"(?<=[。；;！!？?])|\n|(?<=[a-z0-9)%])\.\s+(?=[A-Z])")
_ORG_TAIL = re.compile(
    r"(?:\s?(?:达摩院|研究院|实验室|AI\s?Lab|云|AI|[A-Z][a-z]+[A-Za-z]*|\([A-Za-z]+\)))*")
_ROLE_LABEL = re.compile(
    r"(?:担任角色|角色|职位|岗位|Role|Position)\s*[:：]\s*([^\s|｜,，;；]{2,30})", re.IGNORECASE)
_CONTEXT_BEFORE = re.compile(r"(?:基于|使用|采用|利用|用|结合|微调|训练|based on|using|with|"
                             r"fine-tun\w*|train\w*|adopt\w*)\s*(?:了|the\s)?\s*$", re.IGNORECASE)
_CONTEXT_AFTER = re.compile(r"^\s*(?:模型|网络|算法|架构|框架|model|network|architecture|backbone)",
                            re.IGNORECASE)
_MODEL_TOKEN = re.compile(
    r"(?<![A-Za-z0-9_@.])[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*(?![A-Za-z0-9])")
_NOT_METHODS = frozenset({"github", "linkedin", "phd", "gpa", "api", "sql", "app", "ai", "ml", "cv",
                          "nlp", "ceo", "a", "an", "the", "i", "ab", "it", "ui", "qa", "ok"})

_DATA_DESC = re.compile(
    r"(?:自建|自制|自采|自行构建|私有|公司内部|内部|公开|开源|人工标注|自行标注|标注|业务|线上|真实|合成|"
    r"自己收集|爬取)[^，,；;。\n]{0,16}?(?:数据集|数据|语料|样本)"
    r"|(?:proprietary|in-house|internal|public|private|crawled|collected|annotated|labell?ed|"
    r"synthetic)\s[^,.;\n]{0,30}?(?:dataset|data|corpus|images|pairs|samples)", re.IGNORECASE)
_DATA_SIZE = re.compile(
    r"(?<![A-Za-z0-9_.@\-])\d+(?:\.\d+)?\s*(?:万|千|百万|千万|亿|[kKMB]|million|billion|thousand)?\+?\s*"
    r"(?:余|多)?\s*(?:张|条|个|份|篇|例|组|对|小时|帧|段|句|名|人|位)?"
    r"[\u4e00-\u9fffA-Za-z\-\s]{0,12}?(?:图片|图像|影像|样本|数据|对话|文本|语料|病例|视频|用户|记录|"
    r"票据|问答对?|tokens?|images?|samples?|examples?|hours?|videos?|patients?|cases?|documents?|"
    r"pairs?|records?|queries|sentences|utterances|clips?)(?![A-Za-z\-])", re.IGNORECASE)
_NAMED_SET = re.compile(r"[A-Za-z0-9\-\u4e00-\u9fff]{2,16}\s?数据集"
                        r"|(?:the\s)?(?:[A-Z][\w&\-]*\s){1,3}(?:dataset|corpus|benchmark)")


def sentences(text: str) -> list[str]:
    """Sentences / bullet lines with bullet marks removed; Chinese commas do not split."""
    parts = (vocab.BULLET.sub("", part).strip(" *#") for part in _SENTENCE_SPLIT.split(text))
    return [part for part in parts if len(part) > 1]


def find_period(header: str, body: str) -> str | None:
    for text in (header, body):
        match = PERIOD.search(text)
        if match:
            return re.sub(r"\s+", " ", match.group(0)).strip()
    year = _YEAR.search(header)
    return year.group(1) if year else None


def find_organization(header: str, body: str) -> str | None:
    for text in (header, body[:200]):
        company = vocab.COMPANIES.search(text)
        if company:
            tail = _ORG_TAIL.match(text, company.end())
            end = tail.end() if tail else company.end()
            return text[company.start():end].strip()
        span = vocab.ORG_SPAN.search(text)
        if span:
            return span.group(0).strip()
    return None


# "Machine Learning Engineer, Risk & Fraud — Northwind Pay (payments processor)": in a job's
# header, the capitalised name after a dash, a bar or an "@" is the employer no list knows.
_ORG_AFTER_DASH = re.compile(r"\s[—–|@]\s*([A-Z][\w&.'\-]*(?:\s+(?:[A-Z][\w&.'\-]*|&|of|and))"
                            r"{0,4})")


def organization_after_dash(header: str) -> str | None:
    match = _ORG_AFTER_DASH.search(header)
    return match.group(1).strip() if match else None


def find_role(header: str, body: str) -> str | None:
    label = _ROLE_LABEL.search(header + "\n" + body)
    if label:
        return label.group(1)
    for text, regex in ((header, vocab.ROLES), (body, vocab.ROLE_STRONG)):
        match = regex.search(text)
        if match:
            return match.group(0).strip()
    return None


def find_venue(text: str) -> str | None:
    match = vocab.VENUES.search(text)
    return match.group(0) if match else None


def _dedupe_spans(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest non-overlapping spans, in text order."""
    kept: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= k_start or start >= k_end for k_start, k_end, _ in kept):
            kept.append((start, end, label))
    return sorted(kept)


def _lexicon_methods(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for term in METHOD_TERMS:
        for match in term.regex.finditer(text):
            surface = re.sub(r"\s+", " ", match.group(0))
            if term.category == "model" or term.display_en == "*":
                label = surface
            elif term.display_zh and re.search(r"[\u4e00-\u9fff]", surface):
                label = term.display_zh
            else:
                label = term.display_en
            key = surface if term.display_en == "*" or term.category == "model" else term.display_en
            spans.append((match.start(), match.end(), f"{term.category}:{key}:{label}"))
    return spans


def _model_like_tokens(text: str, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Unknown CamelCase / alphanumeric names right after "基于/使用/based on" or before "模型"."""
    spans = []
    for match in _MODEL_TOKEN.finditer(text):
        token = match.group(0)
        shaped = re.search(r"[a-z][A-Z]|[A-Za-z]\d|[A-Z]{3,}", token)
        if not shaped or token.casefold() in _NOT_METHODS or len(token) > 30:
            continue
        if any(s <= match.start() < e for s, e, _ in taken):
            continue
        if vocab.METRIC_NAMES.fullmatch(token) or vocab.DATASETS.fullmatch(token):
            continue
        before, after = text[max(0, match.start() - 12): match.start()], text[match.end():]
        if _CONTEXT_BEFORE.search(before) or _CONTEXT_AFTER.match(after):
            spans.append((match.start(), match.end(), f"model:{token}:{token}"))
    return spans


def find_methods(text: str) -> list[tuple[str, str]]:
    """(category, display) pairs in order of appearance, deduplicated."""
    spans = _dedupe_spans(_lexicon_methods(text))
    spans = _dedupe_spans(spans + _model_like_tokens(text, spans))
    seen: set[str] = set()
    result = []
    for _, _, label in spans:
        category, identity, display = label.split(":", 2)
        key = re.sub(r"[\s\-]", "", identity).casefold()
        if key not in seen:
            seen.add(key)
            result.append((category, display))
    return result


def data_spans(text: str) -> list[tuple[int, int, str]]:
    regexes = (vocab.DATASETS, _DATA_DESC, _DATA_SIZE, _NAMED_SET)
    spans = [(m.start(), m.end(), m.group(0)) for regex in regexes for m in regex.finditer(text)]
    return [(s, e, label) for s, e, label in _dedupe_spans(spans)
            if not re.fullmatch(r"(?:19|20)\d{2}\s*年?.*", label)]


# "4× A100, ~9 hours", "8 张 A100 约 20 小时": how long training ran, not hours of data
_HOURS = re.compile(r"(?:小时|hours?|hrs?)\s*$", re.IGNORECASE)
_COMPUTE_NEAR = re.compile(r"(?<![a-z0-9])(?:" + vocab.GPU_MODELS + r"|gpus?)s?(?![a-z0-9])"
                           r"|张卡|训练约|训练用时|took|ran for", re.IGNORECASE)


def find_data(text: str) -> list[str]:
    seen: set[str] = set()
    result = []
    for start, _, label in data_spans(text):
        if _HOURS.search(label) and _COMPUTE_NEAR.search(text[max(0, start - 30):start]):
            continue
        clean = re.sub(r"\s+", " ", label).strip(" 的,，")
        if clean.casefold() not in seen:
            seen.add(clean.casefold())
            result.append(clean)
    return result


def find_task(body_sentences: list[str]) -> str | None:
    """What the item is about, as a candidate would state it.

    An explicit label ("项目描述：", "Goal:") wins, then a sentence stating the aim ("旨在",
    "目标是", "aims to"). Otherwise the item's *first* descriptive sentence: résumé bullets open
    with what the project is and go on to how it was done, so a later sentence that merely
    contains "针对 / 用于" ("针对小目标漏检，引入 CBAM") is a method detail, not the task.
    """
    for sentence in body_sentences:
        label = vocab.TASK_LABEL.match(sentence)
        if label and sentence[label.end():].strip():
            return sentence[label.end():].strip()[:200]
    descriptive = [s for s in body_sentences if not vocab.META_LABEL.match(s)
                   and not vocab.CONTRIBUTION_LABEL.fullmatch(s.strip())]
    for sentence in descriptive:
        if vocab.TASK_AIM.search(sentence):
            return sentence[:200]
    return descriptive[0][:200] if descriptive else None


def find_contributions(body_lines: list[str]) -> list[str]:
    """Sentences stating the candidate's own work; everything after a "主要工作：" label counts."""
    result: list[str] = []
    labelled = False
    for line in body_lines:
        label = vocab.CONTRIBUTION_LABEL.match(line.strip(" -*•"))
        if label:
            labelled = True
        for sentence in sentences(line):
            sentence = vocab.CONTRIBUTION_LABEL.sub("", sentence).strip()
            if not sentence or vocab.TASK_LABEL.match(sentence) or vocab.META_LABEL.match(sentence):
                continue
            if _states_own_work(sentence) or (labelled and not _only_participation(sentence)):
                result.append(sentence[:300])
    return result[:8]


def _only_participation(sentence: str) -> bool:
    return bool(vocab.PARTICIPATION_ONLY.search(sentence)) and not _states_own_work(sentence)


def _states_own_work(sentence: str) -> bool:
    """Some clause has an own-work cue not preceded by "参与/协助/helped" in that clause."""
    for clause in re.split(r"[，,]", sentence):
        own = vocab.CONTRIBUTION.search(clause)
        if own is None:
            continue
        weak = vocab.PARTICIPATION_ONLY.search(clause)
        if weak is None or weak.start() > own.start():
            return True
    return False
