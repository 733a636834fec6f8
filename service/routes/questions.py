"""Practice: grade a free answer to any knowledge-base question; one's own practice history."""

from __future__ import annotations

from fastapi import APIRouter

from service.deps import PracticeDep, UserDep
from service.errors import responses
from service.schemas import PracticeAnswer, PracticeGraded, PracticeRecord

router = APIRouter(tags=["practice"])


@router.post("/questions/{entry_id}/grade", response_model=PracticeGraded,
             responses=responses(401, 404, 422))
def grade_answer(entry_id: str, body: PracticeAnswer, user: UserDep,
                 practice: PracticeDep) -> PracticeGraded:
    return practice.grade(user.id, entry_id, body.answer, body.language)


@router.get("/practice", response_model=list[PracticeRecord], responses=responses(401))
def list_practice(user: UserDep, practice: PracticeDep) -> list[PracticeRecord]:
    return practice.list_owned(user.id)
