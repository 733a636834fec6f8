"""The candidate's own questions (反问): classify, answer in general terms, coach in the report.

Pure domain code (no engine, brains, web or environment). The seam for the engine and the report::

    classify_question(text, matcher=None) -> Classification
        .category: role | team | stack | evaluation | growth | advice | process | compensation
                   | feedback | company | off_topic | unclear | none
        .also: further categories asked in the same message; .impression: good | neutral | poor
        Cue patterns decide when confident; ``matcher=SemanticMatcher(kb.index.embedder)`` adds
        classification by meaning for phrasings the cues miss (blind set: 28% → 77% correct,
        4% answered under the wrong topic, the rest asked back as "unclear"; see
        benchmarks/journey.py). Build the matcher once per process and reuse it.

    plan_answer(text, track, language, *, closing=False, matcher=None) -> AnswerPlan
        .body: what the interviewer says (general terms for the track, no promises, no invented
               company facts), .invite: "还有别的问题吗？" (empty when ``closing``), .text: both.
        ``category == "none"`` means the candidate has no (more) questions: close the stage.

    coach_questions(questions, language, matcher=None) -> CoachingSummary
        per asked question: impression, a note saying why, and a better question; an overall
        note; suggestions of good questions the candidate did not ask.

Wiring (second half of issue 13): in the questions stage the engine calls ``plan_answer`` and puts
``body``/``invite`` into the ``answer_candidate_question`` directive (for example in ``extra``);
the offline brain speaks ``text`` as is, an LLM brain may rephrase it but must not add facts. The
report calls ``coach_questions`` with the candidate's messages of the questions stage.
"""

from __future__ import annotations

from service.interview.candidate_questions.answers import answer_line, invite_line
from service.interview.candidate_questions.classify import Matcher, classify_question
from service.interview.candidate_questions.coaching import coach_question, coach_questions
from service.interview.candidate_questions.models import (
    CATEGORIES,
    AnswerPlan,
    Category,
    Classification,
    CoachingSummary,
    Impression,
    Language,
    QuestionCoaching,
)
from service.interview.candidate_questions.semantic import SemanticMatcher

__all__ = [
    "CATEGORIES",
    "AnswerPlan",
    "Category",
    "Classification",
    "CoachingSummary",
    "Impression",
    "Matcher",
    "QuestionCoaching",
    "SemanticMatcher",
    "classify_question",
    "coach_question",
    "coach_questions",
    "plan_answer",
]

_ANSWERED_TOGETHER = 2  # a message asking several things gets at most this many answers


def plan_answer(text: str, track: str, language: Language, *, closing: bool = False,
                matcher: Matcher | None = None) -> AnswerPlan:
    """The interviewer's reply to one candidate question (see the module docstring)."""
    found = classify_question(text, matcher)
    categories = [found.category, *found.also][:_ANSWERED_TOGETHER]
    if found.category in ("none", "unclear", "off_topic", "feedback", "compensation"):
        categories = [found.category]
    separator = "" if language == "zh" else " "
    body = separator.join(answer_line(c, track, language) for c in categories)
    invite = "" if closing or found.category in ("none", "unclear") else invite_line(language)
    return AnswerPlan(category=found.category, categories=categories, language=language,
                      track=track, body=body, invite=invite)
