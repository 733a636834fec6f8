"""FastAPI dependencies: typed access to what the lifespan built, and who is asking."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from evaluators.sandbox.base import Sandbox
from knowledge.base import KnowledgeBase
from service.account_service import AccountService
from service.auth.service import AuthService
from service.config import Settings
from service.errors import ServiceUnavailable
from service.interview_service import InterviewService
from service.practice_service import PracticeService
from service.report_service import ReportService
from service.resume_service import ResumeService
from service.storage.tables import UserRow


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


SettingsDep = Annotated[Settings, Depends(get_settings)]
KnowledgeDep = Annotated[KnowledgeBase, Depends(get_kb)]
SandboxDep = Annotated[Sandbox, Depends(get_sandbox)]


def get_interviews(request: Request) -> InterviewService:
    return request.app.state.interviews


def get_resumes(request: Request) -> ResumeService:
    return request.app.state.resumes


def get_practice(request: Request) -> PracticeService:
    return request.app.state.practice


def get_reports(request: Request) -> ReportService:
    return request.app.state.reports


def get_accounts(request: Request) -> AccountService:
    return request.app.state.accounts


def get_auth(request: Request) -> AuthService:
    return request.app.state.auth


InterviewsDep = Annotated[InterviewService, Depends(get_interviews)]
ResumesDep = Annotated[ResumeService, Depends(get_resumes)]
PracticeDep = Annotated[PracticeService, Depends(get_practice)]
ReportsDep = Annotated[ReportService, Depends(get_reports)]
AccountsDep = Annotated[AccountService, Depends(get_accounts)]
AuthDep = Annotated[AuthService, Depends(get_auth)]

bearer = HTTPBearer(auto_error=False, description="accounts mode: the token from "
                    "POST /v1/auth/login")
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def bearer_token(credentials: BearerDep) -> str | None:
    return credentials.credentials if credentials is not None else None


TokenDep = Annotated[str | None, Depends(bearer_token)]


def current_user(request: Request, auth: AuthDep, token: TokenDep) -> UserRow:
    """The caller: the implicit user in local mode, the bearer token's owner in accounts mode
    (401 without a valid token). Its id is kept on the request for logs and rate limits."""
    user = auth.authenticate(token)
    request.state.user_id = user.id
    return user


UserDep = Annotated[UserRow, Depends(current_user)]


def client_identity(request: Request) -> str:
    """A key for per-client limits: the user once authenticated, else the client address."""
    user_id = getattr(request.state, "user_id", None)
    if user_id:
        return f"user:{user_id}"
    return f"ip:{request.client.host if request.client else 'unknown'}"


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


ClientDep = Annotated[str, Depends(client_address)]
