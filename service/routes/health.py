"""Liveness and readiness, answered on the event loop.

Both are ``async`` and touch only in-memory state, so they answer at once even when every
sandbox worker, every grading thread and the server's worker threads are busy.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from evaluators.catalog import load_catalog
from service.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness,
            responses={503: {"model": Readiness, "description": "still starting"}})
async def readyz(request: Request) -> JSONResponse:
    state = request.app.state
    kb = getattr(state, "kb", None)
    sandbox = getattr(state, "sandbox", None)
    interviews = getattr(state, "interviews", None)
    body: dict[str, Any] = {
        "status": "ready" if kb is not None else "starting",
        "index_loaded": kb is not None,
        "model": kb.model_id if kb is not None else None,
        "entries": len(kb) if kb is not None else 0,
        "problems": len(load_catalog()),
        "sandbox": sandbox.describe().model_dump() if sandbox is not None else {
            "level": "none", "layers": [], "missing": ["all"],
            "error": getattr(state, "sandbox_error", None)},
        # Which interviewer speaks and who grades (the offline brain answers any LLM failure).
        "brain": interviews.brain.name if interviews is not None else None,
        "judge": interviews.judge.name if interviews is not None else None,
        "auth": state.settings.auth.mode,
        "grading": state.admission.snapshot() if hasattr(state, "admission") else None,
    }
    return JSONResponse(status_code=200 if kb is not None else 503,
                        content=Readiness.model_validate(body).model_dump(mode="json"))
