"""Interviews: start, answer (optionally streamed as server-sent events), submit code, read back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse, StreamingResponse
from pydantic import BaseModel, Field

from evaluators.grader import MAX_CODE_BYTES
from service.deps import AdmissionDep, ClientDep, InterviewsDep
from service.interview_service import MAX_MESSAGE_CHARS, summary

router = APIRouter(tags=["interviews"])
Track = Literal["cv-intern", "llm-algorithm", "research-scientist", "ml-fundamentals"]


class NewInterview(BaseModel):
    track: Track
    language: Literal["zh", "en"] = "zh"
    length: Literal["short", "standard", "full"] = "standard"
    resume_id: str | None = None
    seed: int | None = Field(None, description="fix the question plan (tests, reproducibility)")


class Message(BaseModel):
    content: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS)


class CodeSubmission(BaseModel):
    problem_id: str
    code: str = Field(max_length=MAX_CODE_BYTES * 2)


def _collect(chunks: Iterator[tuple[str, str]]) -> tuple[str, str]:
    pairs = list(chunks)
    brain = pairs[-1][1] if pairs else "offline"
    return "".join(chunk for chunk, _ in pairs), brain


def _turn_payload(service: Any, interview_id: str, text: str, brain: str) -> dict[str, Any]:
    row = service.store.get_interview(interview_id)
    return {"interview_id": interview_id, "message": text, "brain": brain, "stage": row.stage,
            "finished": row.status == "finished", "overall_score": row.overall_score}


def _sse(service: Any, interview_id: str, chunks: Iterator[tuple[str, str]]) -> StreamingResponse:
    def events() -> Iterator[str]:
        parts, brain = [], "offline"
        for chunk, brain in chunks:
            parts.append(chunk)
            yield f"event: delta\ndata: {json.dumps({'text': chunk, 'brain': brain})}\n\n"
        done = _turn_payload(service, interview_id, "".join(parts), brain)
        yield f"event: done\ndata: {json.dumps(done, ensure_ascii=False)}\n\n"

    return StreamingResponse(events(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.post("/interviews", status_code=201)
def create_interview(body: NewInterview, service: InterviewsDep) -> dict[str, Any]:
    row, chunks = service.create(body.track, body.language, body.length, body.resume_id,
                                 body.seed)
    text, brain = _collect(chunks)
    return {**summary(service.store.get_interview(row.id)), "message": text, "brain": brain}


@router.post("/interviews/{interview_id}/messages", response_model=None)
def post_message(interview_id: str, body: Message, service: InterviewsDep,
                 stream: Annotated[bool, Query()] = False) -> dict[str, Any] | StreamingResponse:
    chunks = service.message(interview_id, body.content)
    if stream:
        return _sse(service, interview_id, chunks)
    text, brain = _collect(chunks)
    return _turn_payload(service, interview_id, text, brain)


@router.post("/interviews/{interview_id}/code")
async def post_code(interview_id: str, body: CodeSubmission, service: InterviewsDep,
                    admission: AdmissionDep, client: ClientDep) -> dict[str, Any]:
    """Grade in the grading pool under a fair sandbox slot; the reply is phrased after it."""
    result, chunks = await admission.run(client, service.submit_code, interview_id,
                                         body.problem_id, body.code)
    text, brain = await run_in_threadpool(_collect, chunks)
    turn = await run_in_threadpool(_turn_payload, service, interview_id, text, brain)
    return {**turn, "result": result.model_dump()}


@router.get("/interviews")
def list_interviews(service: InterviewsDep) -> list[dict[str, Any]]:
    return [summary(row) for row in service.store.list_interviews()]


@router.get("/interviews/{interview_id}")
def get_interview(interview_id: str, service: InterviewsDep) -> dict[str, Any]:
    return service.transcript(interview_id)


@router.get("/interviews/{interview_id}/report")
def get_report(interview_id: str, service: InterviewsDep) -> dict[str, Any]:
    return service.report(interview_id)


@router.get("/interviews/{interview_id}/report.md", response_class=PlainTextResponse)
def get_report_markdown(interview_id: str, service: InterviewsDep) -> PlainTextResponse:
    return PlainTextResponse(service.report_markdown(interview_id),
                             media_type="text/markdown; charset=utf-8")
