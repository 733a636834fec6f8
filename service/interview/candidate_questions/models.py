"""Typed results of the 反问 module: a classification, an answer plan and report coaching."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Category = Literal[
    "role",  # what the work is, day to day
    "team",  # team, mentoring, collaboration
    "stack",  # tools, frameworks, compute
    "evaluation",  # how work is evaluated, what good looks like
    "growth",  # learning, growth, conversion / return offer
    "advice",  # what should I improve / study for this role
    "process",  # interview process, next steps, timeline, start date
    "compensation",  # salary, benefits, hours
    "feedback",  # "我表现怎么样", "did I pass?"
    "company",  # "what does the company do" (answerable by reading up beforehand)
    "off_topic",  # unrelated to the role, or instructions aimed at the interviewer
    "unclear",  # a question (or remark) that names no topic: ask what they want to know
    "none",  # no question: "没有问题了", "that's all"
]
CATEGORIES: tuple[Category, ...] = (
    "role", "team", "stack", "evaluation", "growth", "advice", "process", "compensation",
    "feedback", "company", "off_topic", "unclear", "none")
Impression = Literal["good", "neutral", "poor"]
Language = Literal["zh", "en"]

# How a question lands in a first technical round (the round Kaoda simulates).
IMPRESSION: dict[Category, Impression] = {
    "role": "good", "team": "good", "stack": "good", "evaluation": "good", "growth": "good",
    "advice": "good", "process": "neutral", "company": "neutral", "none": "neutral",
    "unclear": "neutral",
    "compensation": "poor", "feedback": "poor", "off_topic": "poor",
}


class Classification(BaseModel):
    """``category`` is answered first; ``also`` lists further categories in the same message."""

    category: Category
    also: list[Category] = Field(default_factory=list)
    is_question: bool = True

    @property
    def impression(self) -> Impression:
        return IMPRESSION[self.category]


class AnswerPlan(BaseModel):
    """What the interviewer says back, in general terms (no promises, no company facts).

    ``body`` answers (one or two sentences per category); ``invite`` asks whether there is more.
    A brain may rephrase both; ``text`` is the offline line.
    """

    category: Category
    categories: list[Category]
    language: Language
    track: str
    body: str
    invite: str

    @property
    def text(self) -> str:
        return f"{self.body}{'' if self.language == 'zh' else ' '}{self.invite}"


class QuestionCoaching(BaseModel):
    """One asked question as the report shows it: the candidate's words, how it lands, why,
    and a better question to ask instead (None when the question was already good)."""

    question: str
    category: Category
    impression: Impression
    note: str
    better: str | None = None


class CoachingSummary(BaseModel):
    """All of the 反问 stage for the report: per question, an overall note, and suggestions."""

    items: list[QuestionCoaching] = Field(default_factory=list)
    overall: str
    suggestions: list[str] = Field(default_factory=list)
