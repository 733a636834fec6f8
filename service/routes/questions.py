"""Practice: browse the bank, a random or the next question, answer or code it, the history, the
review queue of weak key points, and the practice code editor's draft — one's own only."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from service.deps import AdmissionDep, PracticeDep, SubmitterDep, UserDep
from service.errors import responses
from service.journey_schemas import (
    CodeAttemptGraded,
    DraftIn,
    DraftOut,
    HistoryItem,
    PickedQuestion,
    PracticeQuestion,
    ReviewItem,
    Topic,
)
from service.practice import EntryFilter
from service.schemas import (
    CodeResult,
    Language,
    PracticeAnswer,
    PracticeGraded,
    PracticeRecord,
    Submission,
    Track,
)

router = APIRouter(tags=["practice"])


TopicQuery = Annotated[str | None, Query(max_length=40, description="a topic key from GET "
                                                                    "/v1/practice/topics")]


@router.post("/questions/{entry_id}/grade", response_model=PracticeGraded,
             responses=responses(401, 404, 422))
def grade_answer(entry_id: str, body: PracticeAnswer, user: UserDep,
                 practice: PracticeDep) -> PracticeGraded:
    return practice.grade(user.id, entry_id, body.answer, body.language)


@router.get("/practice", response_model=list[PracticeRecord], responses=responses(401))
def list_practice(user: UserDep, practice: PracticeDep) -> list[PracticeRecord]:
    return practice.list_owned(user.id)


@router.get("/practice/topics", response_model=list[Topic])
def list_topics(practice: PracticeDep) -> list[Topic]:
    return practice.topics()


@router.get("/practice/questions", response_model=list[PracticeQuestion],
            responses=responses(422))
def list_questions(practice: PracticeDep, track: Track | None = None,
                   difficulty: Literal["easy", "medium", "hard"] | None = None,
                   kind: Literal["concept", "coding"] | None = None,
                   topic: TopicQuery = None,
                   text: Annotated[str | None, Query(max_length=200)] = None
                   ) -> list[PracticeQuestion]:
    """The bank filtered by named topic, track, difficulty, kind and text (all combine)."""
    return practice.questions(EntryFilter(track=track, difficulty=difficulty, kind=kind,
                                          text=text), topic)


@router.get("/practice/random", response_model=PickedQuestion, responses=responses(401, 404, 422))
def random_question(user: UserDep, practice: PracticeDep, track: Track | None = None,
                    difficulty: Literal["easy", "medium", "hard"] | None = None,
                    kind: Literal["concept", "coding"] | None = None,
                    topic: TopicQuery = None) -> PickedQuestion:
    """A random matching question, avoiding the last few practised (404: none matches)."""
    return practice.random(user.id, EntryFilter(track=track, difficulty=difficulty, kind=kind),
                           topic)


@router.get("/practice/next", response_model=PickedQuestion, responses=responses(401, 404, 422))
def next_question(user: UserDep, practice: PracticeDep, track: Track | None = None,
                  difficulty: Literal["easy", "medium", "hard"] | None = None,
                  kind: Literal["concept", "coding"] | None = None,
                  topic: TopicQuery = None) -> PickedQuestion:
    """The most urgent due review that matches, else a random question."""
    return practice.next(user.id, EntryFilter(track=track, difficulty=difficulty, kind=kind),
                         topic)


@router.get("/practice/review", response_model=list[ReviewItem], responses=responses(401))
def review_queue(user: UserDep, practice: PracticeDep) -> list[ReviewItem]:
    """Weak key points due for review (Leitner: 1, 3, 7, 16 days), most urgent first."""
    return practice.review(user.id)


@router.get("/practice/history", response_model=list[HistoryItem], responses=responses(401))
def history(user: UserDep, practice: PracticeDep) -> list[HistoryItem]:
    """Practice answers, coding submissions and interview concepts, newest first, by title."""
    return practice.history(user.id)


@router.post("/practice/problems/{problem_id}/runs", response_model=CodeResult,
             responses=responses(401, 404, 413, 422, 429, 503))
async def run_tests(problem_id: str, body: Submission, user: UserDep, practice: PracticeDep,
                    admission: AdmissionDep, submitter: SubmitterDep) -> CodeResult:
    """Run the tests (not recorded) under a fair sandbox slot; messages come in English and
    Chinese (``message_zh``)."""
    return await admission.run(submitter, practice.run_code, problem_id, body.code)


@router.post("/practice/problems/{problem_id}/attempts", response_model=CodeAttemptGraded,
             status_code=201, responses=responses(401, 404, 413, 422, 429, 503))
async def submit_code(problem_id: str, body: Submission, user: UserDep, practice: PracticeDep,
                      admission: AdmissionDep, submitter: SubmitterDep,
                      language: Language = "zh") -> CodeAttemptGraded:
    """Grade (under a fair sandbox slot) and record a practice submission: it joins the history
    and the review queue."""
    return await admission.run(submitter, practice.submit_code, user.id, problem_id, body.code,
                               language)


@router.get("/practice/drafts/{problem_id}", response_model=DraftOut,
            responses=responses(401, 404))
def get_draft(problem_id: str, user: UserDep, practice: PracticeDep) -> DraftOut:
    return practice.draft(user.id, problem_id)


@router.put("/practice/drafts/{problem_id}", response_model=DraftOut,
            responses=responses(401, 404, 413, 422))
def put_draft(problem_id: str, body: DraftIn, user: UserDep, practice: PracticeDep) -> DraftOut:
    return practice.save_draft(user.id, problem_id, body.code)
