"""Interviews: start, answer (whole, or streamed as server-sent events), submit code, pause,
resume or end early, the code editor's draft, read back, the report (JSON, Markdown, PDF),
delete — one's own only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent

from evaluators.grader import MAX_CODE_BYTES
from service.deps import AdmissionDep, InterviewsDep, ReportsDep, SubmitterDep, UserDep
from service.errors import error_response, responses
from service.interview_clock import IDLE_CAP_S
from service.journey_schemas import DraftIn, DraftOut, Limits
from service.resume.limits import DEFAULT_LIMITS
from service.schemas import (
    CodeSubmission,
    CodeTurnReply,
    InterviewStarted,
    InterviewSummary,
    Message,
    NewInterview,
    Report,
    StreamDelta,
    Transcript,
    TurnReply,
)
from service.turn_runner import TurnRun

router = APIRouter(tags=["interviews"])
TURN_ERRORS = responses(401, 404, 409, 422)


@router.post("/interviews", status_code=201, response_model=InterviewStarted,
             responses=responses(401, 404, 422))
def create_interview(body: NewInterview, user: UserDep,
                     interviews: InterviewsDep) -> InterviewStarted:
    return interviews.create(user.id, body)


@router.post("/interviews/{interview_id}/messages", response_model=TurnReply,
             responses=TURN_ERRORS)
def post_message(interview_id: str, body: Message, user: UserDep,
                 interviews: InterviewsDep) -> TurnReply:
    return interviews.message(user.id, interview_id, body.content)


def start_streamed_turn(interview_id: str, body: Message, user: UserDep,
                        interviews: InterviewsDep) -> TurnRun:
    """Runs before the stream opens: errors here are ordinary HTTP errors."""
    return interviews.stream_message(user.id, interview_id, body.content)


STREAM_DOC: dict[int | str, dict[str, Any]] = {200: {"description": "``event: delta`` (StreamDelta JSON) per chunk of the reply, "
                    "then ``event: done`` (TurnReply JSON, sent after the turn is committed) or "
                    "``event: error`` (ErrorBody JSON)"}}


@router.post("/interviews/{interview_id}/messages/stream", response_class=EventSourceResponse,
             responses={**STREAM_DOC, **TURN_ERRORS})
def stream_message(turn: Annotated[TurnRun, Depends(start_streamed_turn)]
                   ) -> Iterator[ServerSentEvent]:
    for kind, payload in turn.events():
        if kind == "delta":
            text, brain = payload
            yield ServerSentEvent(event="delta", data=StreamDelta(text=text, brain=brain))
        elif kind == "done":
            yield ServerSentEvent(event="done", data=payload)
        else:
            body = error_response(503, f"the turn could not be saved: {payload}", "TurnFailed")
            yield ServerSentEvent(event="error", raw_data=bytes(body.body).decode("utf-8"))


@router.post("/interviews/{interview_id}/code", response_model=CodeTurnReply,
             responses=responses(401, 404, 409, 413, 422, 429, 503))
async def post_code(interview_id: str, body: CodeSubmission, user: UserDep,
                    interviews: InterviewsDep, admission: AdmissionDep,
                    submitter: SubmitterDep) -> CodeTurnReply:
    """Grade in the grading pool under a fair sandbox slot; the reply is phrased after it."""
    result = await admission.run(submitter, interviews.grade_code_turn, user.id, interview_id,
                                 body.problem_id, body.code)
    return await run_in_threadpool(interviews.record_code_turn, user.id, interview_id,
                                   body.problem_id, body.code, result)


@router.get("/interviews", response_model=list[InterviewSummary], responses=responses(401))
def list_interviews(user: UserDep, interviews: InterviewsDep) -> list[InterviewSummary]:
    return interviews.list_owned(user.id)


@router.get("/interviews/{interview_id}", response_model=Transcript,
            responses=responses(401, 404))
def get_interview(interview_id: str, user: UserDep, interviews: InterviewsDep) -> Transcript:
    return interviews.transcript(user.id, interview_id)


@router.delete("/interviews/{interview_id}", status_code=204, response_class=Response,
               responses=responses(401, 404))
def delete_interview(interview_id: str, user: UserDep, interviews: InterviewsDep,
                     reports: ReportsDep) -> Response:
    interviews.delete(user.id, interview_id)
    reports.forget(interview_id)
    return Response(status_code=204)


@router.get("/interviews/{interview_id}/report", response_model=Report,
            responses=responses(401, 404))
def get_report(interview_id: str, user: UserDep, reports: ReportsDep) -> Report:
    return reports.report(user.id, interview_id)


@router.get("/interviews/{interview_id}/report.md", response_class=PlainTextResponse,
            responses={200: {"content": {"text/markdown": {"schema": {"type": "string"}}}},
                       **responses(401, 404)})
def get_report_markdown(interview_id: str, user: UserDep,
                        reports: ReportsDep) -> PlainTextResponse:
    """The report document (every question with the answer, grade, key points, reference,
    code and tests, preparation sheet, 反问 coaching) in the interview's language."""
    return PlainTextResponse(reports.markdown(user.id, interview_id),
                             media_type="text/markdown; charset=utf-8")


@router.get("/interviews/{interview_id}/report.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {"schema": {
                "type": "string", "format": "binary"}}},
                "description": "the same document as report.md, with charts and an embedded "
                               "CJK font"}, **responses(401, 404, 503)})
def get_report_pdf(interview_id: str, user: UserDep, reports: ReportsDep) -> Response:
    """Rendered in the thread pool (a sync route), a few seconds the first time, then cached."""
    data = reports.pdf(user.id, interview_id)
    return Response(data, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="kaoda-report-{interview_id[:8]}.pdf"'})


# ---- time --------------------------------------------------------------------------------------
@router.post("/interviews/{interview_id}/pause", response_model=InterviewSummary,
             responses=responses(401, 404, 409))
def pause_interview(interview_id: str, user: UserDep,
                    interviews: InterviewsDep) -> InterviewSummary:
    """Stop the clock; the interview takes no answers until it is resumed."""
    return interviews.pause(user.id, interview_id)


@router.post("/interviews/{interview_id}/resume", response_model=InterviewSummary,
             responses=responses(401, 404, 409))
def resume_interview(interview_id: str, user: UserDep,
                     interviews: InterviewsDep) -> InterviewSummary:
    return interviews.resume(user.id, interview_id)


@router.post("/interviews/{interview_id}/end", response_model=TurnReply,
             responses=responses(401, 404, 409))
def end_interview(interview_id: str, user: UserDep, interviews: InterviewsDep) -> TurnReply:
    """End now: the interviewer closes, and the report scores only what was asked."""
    return interviews.end(user.id, interview_id)


# ---- the code editor's draft ------------------------------------------------------------------
@router.get("/interviews/{interview_id}/drafts/{problem_id}", response_model=DraftOut,
            responses=responses(401, 404))
def get_draft(interview_id: str, problem_id: str, user: UserDep,
              interviews: InterviewsDep) -> DraftOut:
    return interviews.draft(user.id, interview_id, problem_id)


@router.put("/interviews/{interview_id}/drafts/{problem_id}", response_model=DraftOut,
            responses=responses(401, 404, 413, 422))
def put_draft(interview_id: str, problem_id: str, body: DraftIn, user: UserDep,
              interviews: InterviewsDep) -> DraftOut:
    """Keep the editor's text so a reload does not lose it (not graded, not a turn)."""
    return interviews.save_draft(user.id, interview_id, problem_id, body.code)


@router.get("/limits", response_model=Limits)
def get_limits() -> Limits:
    """What the service accepts, for clients to say before sending (the single source)."""
    return Limits(code_bytes=MAX_CODE_BYTES, resume_bytes=DEFAULT_LIMITS.max_bytes,
                  idle_cap_s=IDLE_CAP_S)

