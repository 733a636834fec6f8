"""Practice: grade a free answer to any knowledge-base question."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from service.deps import InterviewsDep, KnowledgeDep

router = APIRouter(tags=["practice"])


class PracticeAnswer(BaseModel):
    answer: str = Field(min_length=1, max_length=8000)
    language: Literal["zh", "en"] = "zh"


@router.post("/questions/{entry_id}/grade")
def grade_answer(entry_id: str, body: PracticeAnswer, kb: KnowledgeDep,
                 service: InterviewsDep) -> dict[str, Any]:
    entry = kb.get(entry_id)
    grade = service.engine.judge.grade(entry, body.answer, body.language)
    return {"entry_id": entry.id, "grade": grade.model_dump(),
            "reference_answer": entry.answer(body.language),
            "key_points": [kp.model_dump() for kp in entry.key_points]}
