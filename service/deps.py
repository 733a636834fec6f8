"""FastAPI dependencies: typed access to what the lifespan built."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from evaluators.sandbox.base import Sandbox
from knowledge.base import KnowledgeBase
from service.admission import Admission
from service.config import Settings
from service.errors import ServiceUnavailable
from service.interview_service import InterviewService


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_kb(request: Request) -> KnowledgeBase:
    return request.app.state.kb


def get_sandbox(request: Request) -> Sandbox:
    sandbox = request.app.state.sandbox
    if sandbox is None:
        raise ServiceUnavailable(
            f"code execution is unavailable: {request.app.state.sandbox_error}; "
            "run the service as root for full isolation or set KAODA_SANDBOX__KIND=subprocess")
    return sandbox


def get_admission(request: Request) -> Admission:
    return request.app.state.admission


def get_client(request: Request) -> str:
    """Who is asking, for fair sharing: ``app.state.client_key`` (pluggable; see admission)."""
    return str(request.app.state.client_key(request))


SettingsDep = Annotated[Settings, Depends(get_settings)]
AdmissionDep = Annotated[Admission, Depends(get_admission)]
ClientDep = Annotated[str, Depends(get_client)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(get_kb)]
SandboxDep = Annotated[Sandbox, Depends(get_sandbox)]


def get_interviews(request: Request) -> InterviewService:
    return request.app.state.interviews


InterviewsDep = Annotated[InterviewService, Depends(get_interviews)]
