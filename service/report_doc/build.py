"""Report JSON + interview summary + transcript turns → :class:`ReportDocument`.

The inputs are what the service already stores: ``report`` is ``build_report``'s output (overall,
stages, concepts, projects, gaps, coding, optional ``preparation``), ``meta`` the interview summary
(track, language, length, status, created_at, optional ``ended_early``), ``turns`` the transcript
rows. ``catalog`` turns ids into titles and reference answers. Every field is optional: whatever is
missing is left out of the document, never shown raw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from service.evaluator_text import localized
from service.interview.candidate_questions import Matcher, coach_questions
from service.report_doc import labels
from service.report_doc.catalog import Catalog, short_title
from service.report_doc.model import (
    AskedQuestion,
    CodingSection,
    ConceptSection,
    Exchange,
    IntroSection,
    KeyPoint,
    QuestionsSection,
    ReportDocument,
    Score,
    StudyItem,
    TestRow,
)
from service.report_doc.projects import project_sections
from service.report_doc.transcript import Asked, Transcript, or_none, read_transcript

STRENGTH_AT = 75.0


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _date(value: Any, language: str) -> str:
    if isinstance(value, datetime):
        return labels.human_date(value, language)
    try:
        return labels.human_date(datetime.fromisoformat(str(value)), language)
    except ValueError:
        return ""


def _stages(report: Mapping[str, Any], lang: str) -> list[Score]:
    stages = report.get("stages") or {}
    return [Score(label=labels.name(labels.STAGES, key, lang, key), value=_num(value))
            for key, value in stages.items() if key in labels.STAGES]


def _concepts(report: Mapping[str, Any], talk: Transcript, catalog: Catalog,
              lang: str) -> list[ConceptSection]:
    asked_by_entry: dict[str, list[Asked]] = {}
    for turn in talk.in_stage("concept"):
        asked_by_entry.setdefault(str(turn.directive.get("entry_id") or ""), []).append(turn)
    sections = []
    for item in report.get("concepts") or []:
        entry_id = str(item.get("entry_id") or "")
        entry = catalog.entry(entry_id)
        question = entry.question(lang) if entry else str(item.get(f"question_{lang}") or "")
        asked = asked_by_entry.get(entry_id, [])
        exchanges = [Exchange(question=a.question or question,
                              answer=a.answers[-1] if a.answers else None,
                              label=labels.text("follow_up", lang) if i else None)
                     for i, a in enumerate(asked)]
        grades = [a.grade for a in asked if a.grade]
        hit, missed = _key_points(grades, entry, item, lang)
        feedback = grades[-1].get(f"feedback_{lang}") if grades else None
        score = _num(item.get("score"))
        sections.append(ConceptSection(
            title=short_title(entry, question, lang), question=question, exchanges=exchanges,
            score=score, grade=labels.grade(score, lang), feedback=feedback or None, hit=hit,
            missed=missed, reference=entry.answer(lang) if entry else None))
    return sections


def _key_points(grades: list[Mapping[str, Any]], entry: Any, item: Mapping[str, Any],
                lang: str) -> tuple[list[KeyPoint], list[str]]:
    """Hit points with the candidate's sentence (first answer or follow-up), and the rest."""
    evidence: dict[int, str | None] = {}
    texts: dict[int, str] = {}
    for grade in grades:
        for point in grade.get("key_points") or []:
            index = int(point.get("index", -1))
            texts[index] = str(point.get(f"text_{lang}") or "")
            if point.get("hit") and evidence.get(index) is None:
                evidence[index] = point.get("evidence") or None
    if texts:
        hit = [KeyPoint(text=texts[i], evidence=evidence[i]) for i in sorted(evidence)]
        return hit, [texts[i] for i in sorted(texts) if i not in evidence]
    missed = [str(m) for m in item.get(f"missed_{lang}") or []]
    if entry is None:
        return [], missed
    hit = [KeyPoint(text=kp.zh if lang == "zh" else kp.en) for kp in entry.key_points
           if (kp.zh if lang == "zh" else kp.en) not in missed]
    return hit, missed


def _coding(report: Mapping[str, Any], talk: Transcript, catalog: Catalog,
            lang: str) -> CodingSection | None:
    coding = report.get("coding") or {}
    problem_id = coding.get("problem_id")
    if not problem_id:
        return None
    passed = bool(coding.get("passed"))
    best = _num(coding.get("best_score"))
    last = talk.submissions[-1] if talk.submissions else None
    results = coding.get("results") or ([last.result] if last else [])
    final = results[-1] if results else {}
    status = str(final.get("status") or ("passed" if passed else ""))
    tests = [TestRow(name=str(t.get("name") or ""), passed=bool(t.get("passed")),
                     message=localized(str(t.get("message") or ""), lang))
             for t in final.get("tests") or []]
    discussion = [Exchange(question=a.question, answer=answer,
                           note=_submitted(a.submitted, lang) if answer is None else None)
                  for a in talk.in_stage("coding") for answer in or_none(a.answers)]
    return CodingSection(
        title=catalog.problem_title(str(problem_id), lang) or "",
        status=labels.name(labels.STATUSES, status, lang, ""), passed=passed,
        best_score=round(best * 100, 1) if best is not None else None,
        attempts=int(coding.get("attempts") or len(talk.submissions)),
        code=last.code if last else None, tests=tests, discussion=discussion,
        approach=_approach(coding, lang))


def _approach(coding: Mapping[str, Any], lang: str) -> list[str]:
    """What the candidate's explanation before coding stated, in words."""
    lines = [labels.text("gave_up", lang)] if coding.get("gave_up") else []
    approach = coding.get("approach")
    if not isinstance(approach, Mapping):
        return lines + ([labels.text("no_approach", lang)] if coding.get("attempts") else [])
    sep = "：" if lang == "zh" else ": "
    not_stated = labels.text("not_stated", lang)
    edges = [labels.name(labels.EDGES, str(e), lang, "") for e in approach.get("edge_cases") or []]
    lines += [labels.text("idea_stated" if approach.get("key_idea") else "idea_missing", lang),
              f"{labels.text('time', lang)}{sep}{approach.get('time') or not_stated}",
              f"{labels.text('space', lang)}{sep}{approach.get('space') or not_stated}",
              f"{labels.text('edges', lang)}{sep}"
              + (("、" if lang == "zh" else ", ").join(e for e in edges if e) or not_stated)]
    return lines


def _submitted(results: list[Mapping[str, Any]], lang: str) -> str | None:
    if not results:
        return None
    parts = []
    for result in results:
        status = labels.name(labels.STATUSES, str(result.get("status") or ""), lang, "")
        score = _num(result.get("score"))
        parts.append(f"{status}（{score * 100:.0f}）" if lang == "zh" and score is not None else
                     f"{status} ({score * 100:.0f})" if score is not None else status)
    lead = labels.text("submitted", lang)
    return f"{lead}{'：' if lang == 'zh' else ': '}" + ("；" if lang == "zh" else "; ").join(parts)


def _questions(talk: Transcript, lang: Literal["zh", "en"],
               matcher: Matcher | None) -> QuestionsSection | None:
    if not talk.candidate_questions:
        return None
    asked = [q for q, _ in talk.candidate_questions]
    summary = coach_questions(asked, lang, matcher)
    replies = dict(talk.candidate_questions)
    items = [AskedQuestion(question=c.question, reply=replies.get(c.question),
                           impression=labels.pick(labels.IMPRESSIONS[c.impression], lang),
                           tone=c.impression, note=c.note, better=c.better)
             for c in summary.items]
    return QuestionsSection(items=items, overall=summary.overall, suggestions=summary.suggestions)


def _strengths(doc: ReportDocument) -> list[Score]:
    """Every stage, project point and question at 75 or more: what the scores say went well."""
    found = [s for s in doc.stages if s.value is not None and s.value >= STRENGTH_AT]
    for project in doc.projects:
        found += [Score(label=f"{project.name} · {p.label}", value=p.value) for p in project.points
                  if p.value is not None and p.value >= STRENGTH_AT]
    found += [Score(label=c.title, value=c.score) for c in doc.concepts
              if c.score is not None and c.score >= STRENGTH_AT]
    if doc.coding and doc.coding.best_score is not None and doc.coding.best_score >= STRENGTH_AT:
        found.append(Score(label=doc.coding.title or labels.text("coding", doc.language),
                           value=doc.coding.best_score))
    return found


def _study(doc: ReportDocument) -> list[StudyItem]:
    items = [StudyItem(title=c.title, score=c.score, missed=c.missed) for c in doc.concepts
             if c.missed and (c.score is None or c.score < STRENGTH_AT)]
    if doc.coding and not doc.coding.passed and doc.coding.title:
        failed = [t.name for t in doc.coding.tests if not t.passed]
        items.append(StudyItem(title=doc.coding.title, score=doc.coding.best_score, missed=failed))
    return items


def build_document(report: Mapping[str, Any], meta: Mapping[str, Any], turns: Sequence[Any],
                   catalog: Catalog, *, matcher: Matcher | None = None) -> ReportDocument:
    """The document for one interview (see the module docstring for the inputs)."""
    lang: Literal["zh", "en"] = "en" if meta.get("language") == "en" else "zh"
    talk = read_transcript(turns)
    notice = None
    if meta.get("ended_early"):
        notice = labels.text("ended_early", lang)
        stage = labels.name(labels.STAGES, str(report.get("ended_in_stage") or ""), lang, "")
        if stage:
            notice += (" " if lang == "en" else "") + \
                labels.text("ended_in", lang).format(stage=stage)
    elif meta.get("status") not in (None, "finished"):
        notice = labels.text("in_progress", lang)
    intro = next(iter(talk.in_stage("intro")), None)
    stages = _stages(report, lang)
    doc = ReportDocument(
        language=lang, title=labels.text("title", lang),
        track=labels.name(labels.TRACKS, str(meta.get("track") or ""), lang, ""),
        date=_date(meta.get("created_at"), lang),
        length=labels.name(labels.LENGTHS, str(meta.get("length") or ""), lang, "") or None,
        notice=notice, overall=_num(report.get("overall")), stages=stages,
        intro=IntroSection(answer=intro.answers[-1] if intro and intro.answers else None,
                           score=_num((report.get("stages") or {}).get("intro")))
        if intro else None,
        projects=project_sections(report, talk, catalog, lang),
        concepts=_concepts(report, talk, catalog, lang),
        coding=_coding(report, talk, catalog, lang), questions=_questions(talk, lang, matcher))
    doc.topics = [Score(label=c.title, value=c.score) for c in doc.concepts]
    doc.strengths = _strengths(doc)
    doc.study = _study(doc)
    return doc
