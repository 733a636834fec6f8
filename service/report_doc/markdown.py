"""The document as Markdown: what the candidate downloads and keeps.

All text that did not come from us — answers, code, test messages, project names, even reference
answers — is escaped so that it shows exactly as written: "3*3*64*128 + 128" stays that, "$x$" is
not math (Streamlit renders $…$), a line starting with "1." or "-" is not a list, "<b>" is not HTML,
and "|" cannot break a table. Code goes into a fence longer than any backtick run inside it.
"""

from __future__ import annotations

import re

from service.report_doc import labels
from service.report_doc.model import (
    CodingSection,
    ConceptSection,
    Exchange,
    Preparation,
    ProjectSection,
    QuestionsSection,
    ReportDocument,
    Score,
)

_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~$!])")
_LINE_START = re.compile(r"^(\s*)(?:([-+>=])|(\d+)([.)]))")


def _shield_marker(match: re.Match[str]) -> str:
    """"- x" → "\\- x"; "1. x" → "1\\. x" (CommonMark escapes the list delimiter, not the digit)."""
    if match.group(2):
        return f"{match.group(1)}\\{match.group(2)}"
    return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"


def escape(text: str) -> str:
    """Inline-safe text: every Markdown/HTML/math trigger character is backslash-escaped."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = _INLINE.sub(r"\\\1", line)
        lines.append(_LINE_START.sub(_shield_marker, line))
    return "\n".join(lines)


def quote(text: str) -> list[str]:
    """A block quote that keeps the author's line breaks (hard breaks) and blank lines."""
    lines = escape(text.strip()).split("\n")
    return [f"> {line}\\" if i < len(lines) - 1 and line.strip() else f"> {line}".rstrip()
            for i, line in enumerate(lines)]


def cell(text: str) -> str:
    return escape(" ".join(text.split())) or " "


def fence(code: str, language: str = "python") -> list[str]:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return [f"{ticks}{language}", code.rstrip("\n"), ticks]


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _heading(doc: ReportDocument) -> list[str]:
    t = doc.language
    meta = [f"**{labels.text('track', t)}**：{escape(doc.track)}" if t == "zh"
            else f"**{labels.text('track', t)}**: {escape(doc.track)}"]
    for key, value in (("date", doc.date), ("length", doc.length)):
        if value:
            sep = "：" if t == "zh" else ": "
            meta.append(f"**{labels.text(key, t)}**{sep}{escape(value)}")
    lines = [f"# {escape(doc.title)}", "", " · ".join(meta), ""]
    if doc.notice:
        lines += [f"> {escape(doc.notice)}", ""]
    lines += [f"## {labels.text('overall', t)}：**{_score(doc.overall)}** / 100" if t == "zh" else
              f"## {labels.text('overall', t)}: **{_score(doc.overall)}** / 100", ""]
    return lines


def _score_table(title: str, rows: list[Score], lang: str) -> list[str]:
    if not rows:
        return []
    lines = [f"## {title}", "", f"| | {labels.text('score', lang)} | {labels.text('grade', lang)} |",
             "|---|---|---|"]
    lines += [f"| {cell(r.label)} | {_score(r.value)} | {labels.grade(r.value, lang)} |"
              for r in rows]
    return [*lines, ""]


def _summary(doc: ReportDocument) -> list[str]:
    t = doc.language
    lines = _score_table(labels.text("scores", t), doc.stages, t)
    lines += _score_table(labels.text("topics", t), doc.topics, t)
    lines += [f"## {labels.text('strengths', t)}", ""]
    lines += [f"- {escape(s.label)}（{_score(s.value)}）" if t == "zh" else
              f"- {escape(s.label)} ({_score(s.value)})" for s in doc.strengths] or \
        [escape(labels.text("no_strengths", t))]
    lines += ["", f"## {labels.text('study', t)}", ""]
    for item in doc.study:
        missed = "；".join(escape(m) for m in item.missed) if t == "zh" else \
            "; ".join(escape(m) for m in item.missed)
        lines.append(f"- **{escape(item.title)}**（{_score(item.score)}）" + (f"：{missed}" if missed
                                                                             else "")
                     if t == "zh" else f"- **{escape(item.title)}** ({_score(item.score)})"
                     + (f": {missed}" if missed else ""))
    if not doc.study:
        lines.append(escape(labels.text("nothing_to_study", t)))
    return [*lines, ""]


def _exchange(ex: Exchange, lang: str) -> list[str]:
    label = f"**{escape(ex.label)}** · " if ex.label else ""
    lines = [f"{label}{escape(ex.question)}", ""]
    if ex.answer and ex.answer.strip():
        lines += quote(ex.answer)
    else:
        lines.append(f"> {escape(ex.note) if ex.note else labels.text('no_answer', lang)}")
    return [*lines, ""]


def _preparation(prep: Preparation, lang: str) -> list[str]:
    if prep.empty:
        return []
    sep = "：" if lang == "zh" else ": "
    lines = [f"#### {labels.text('preparation', lang)}", ""]
    for key, items in (("prepare_missing", prep.missing), ("prepare_techniques", prep.techniques),
                       ("prepare_statements", prep.statements)):
        if items:
            lines += [f"**{labels.text(key, lang)}**", ""]
            lines += [f"- {escape(i.label)}" + (f"{sep}{escape(i.ask)}" if i.ask else "")
                      for i in items]
            lines.append("")
    if prep.contradictions:
        lines += [f"**{labels.text('prepare_contradictions', lang)}**", ""]
        lines += [f"- {escape(c)}" for c in prep.contradictions]
        lines.append("")
    return lines


def _project(project: ProjectSection, lang: str) -> list[str]:
    lines = [f"### {escape(project.name)}（{_score(project.score)}）" if lang == "zh" else
             f"### {escape(project.name)} ({_score(project.score)})", ""]
    for ex in project.exchanges:
        lines += _exchange(ex, lang)
    if project.pressed_for:
        sep = "：" if lang == "zh" else ": "
        joiner = "；" if lang == "zh" else "; "
        lines += [f"**{labels.text('why_pressed', lang)}**{sep}"
                  + joiner.join(escape(r) for r in project.pressed_for), ""]
    return lines + _preparation(project.preparation, lang)


def _concept(n: int, concept: ConceptSection, lang: str) -> list[str]:
    grade = f"（{concept.grade}）" if lang == "zh" and concept.grade else \
        (f" ({concept.grade})" if concept.grade else "")
    lines = [f"### {n}. {escape(concept.title)} — {_score(concept.score)}{grade}", ""]
    if not concept.exchanges:
        lines += [escape(concept.question), ""]
    for ex in concept.exchanges:
        lines += _exchange(ex, lang)
    if concept.feedback:
        lines += [f"**{labels.text('feedback', lang)}**：{escape(concept.feedback)}" if lang == "zh"
                  else f"**{labels.text('feedback', lang)}**: {escape(concept.feedback)}", ""]
    if concept.hit:
        said = labels.text("evidence", lang)
        lines += [f"**{labels.text('hit', lang)}**", ""]
        lines += [f"- ✓ {escape(k.text)}" + (f" — {said}：「{escape(k.evidence)}」" if lang == "zh"
                                             else f" — {said}: \"{escape(k.evidence)}\"")
                  if k.evidence else f"- ✓ {escape(k.text)}" for k in concept.hit]
        lines.append("")
    if concept.missed:
        lines += [f"**{labels.text('missed', lang)}**", ""]
        lines += [f"- ✗ {escape(m)}" for m in concept.missed]
        lines.append("")
    if concept.reference:
        lines += [f"**{labels.text('reference', lang)}**", "", *quote(concept.reference), ""]
    return lines


def _coding(coding: CodingSection, lang: str) -> list[str]:
    sep = "：" if lang == "zh" else ": "
    facts = [f"**{labels.text('problem', lang)}**{sep}{escape(coding.title)}" if coding.title else "",
             f"**{labels.text('result', lang)}**{sep}{escape(coding.status)}" if coding.status else "",
             f"**{labels.text('best', lang)}**{sep}{_score(coding.best_score)}",
             f"**{labels.text('attempts', lang)}**{sep}{coding.attempts}"]
    lines = [f"## {labels.text('coding', lang)}", "", " · ".join(f for f in facts if f), ""]
    if coding.approach:
        lines += [f"**{labels.text('approach', lang)}**", "",
                  *(f"- {escape(line)}" for line in coding.approach), ""]
    if coding.code:
        lines += [f"**{labels.text('your_code', lang)}**", "", *fence(coding.code), ""]
    if coding.tests:
        lines += [f"**{labels.text('tests', lang)}**", "",
                  f"| {labels.text('test_name', lang)} | {labels.text('test_result', lang)} | "
                  f"{labels.text('test_message', lang)} |", "|---|---|---|"]
        lines += [f"| {cell(t.name)} | {'✓ ' + labels.text('pass', lang) if t.passed else '✗ ' + labels.text('fail', lang)} "
                  f"| {cell(t.message)} |" for t in coding.tests]
        lines.append("")
    if coding.discussion:
        lines += [f"**{labels.text('coding_talk', lang)}**", ""]
        for ex in coding.discussion:
            lines += _exchange(ex, lang)
    return lines


def _questions(section: QuestionsSection | None, lang: str) -> list[str]:
    lines = [f"## {labels.text('questions', lang)}", ""]
    if section is None:
        return [*lines, escape(labels.text("no_questions_stage", lang)), ""]
    sep = "：" if lang == "zh" else ": "
    for item in section.items:
        lines += [f"**{labels.text('asked', lang)}**{sep}{escape(item.question)}", ""]
        if item.reply:
            lines += [f"{labels.text('reply', lang)}{sep}", "", *quote(item.reply), ""]
        lines += [f"- {labels.text('impression', lang)}{sep}**{escape(item.impression)}** — "
                  f"{escape(item.note)}"]
        if item.better:
            lines.append(f"- {labels.text('better', lang)}{sep}{escape(item.better)}")
        lines.append("")
    if section.overall:
        lines += [escape(section.overall), ""]
    if section.suggestions:
        lines += [f"**{labels.text('suggestions', lang)}**", ""]
        lines += [f"- {escape(s)}" for s in section.suggestions]
        lines.append("")
    return lines


def render_markdown(doc: ReportDocument) -> str:
    lang = doc.language
    lines = _heading(doc) + _summary(doc)
    if doc.intro is not None:
        lines += [f"## {labels.text('intro', lang)}（{_score(doc.intro.score)}）" if lang == "zh"
                  else f"## {labels.text('intro', lang)} ({_score(doc.intro.score)})", ""]
        lines += [*quote(doc.intro.answer), ""] if doc.intro.answer else []
    if doc.projects:
        lines += [f"## {labels.text('projects', lang)}", ""]
        for project in doc.projects:
            lines += _project(project, lang)
    if doc.concepts:
        lines += [f"## {labels.text('concepts', lang)}", ""]
        for n, concept in enumerate(doc.concepts, start=1):
            lines += _concept(n, concept, lang)
    if doc.coding is not None:
        lines += _coding(doc.coding, lang)
    lines += _questions(doc.questions, lang)
    return "\n".join(lines).rstrip() + "\n"
