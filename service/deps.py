"""FastAPI dependencies: typed access to what the lifespan built, and who is asking."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from evaluators.sandbox.base import Sandbox
from knowledge.base import KnowledgeBase
from service.account_service import AccountService
from service.admission import Admission
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


def get_admission(request: Request) -> Admission:
    return request.app.state.admission


SettingsDep = Annotated[Settings, Depends(get_settings)]
AdmissionDep = Annotated[Admission, Depends(get_admission)]
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


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


ClientDep = Annotated[str, Depends(client_address)]


def client_identity(request: Request) -> str:
    """The key of per-client limits (fair sharing of the sandbox, see :mod:`service.admission`):
    the authenticated user in accounts mode, else the caller's address (in local mode every
    caller is the same implicit user, so the user would make them one client)."""
    user_id = getattr(request.state, "user_id", None)
    if user_id and request.app.state.settings.auth.mode == "accounts":
        return f"user:{user_id}"
    return f"ip:{client_address(request)}"


def submitter_key(request: Request, user: UserDep) -> str:
    """Who submits code, for fair sharing: ``app.state.client_key`` (after authentication, so
    the key can be the user)."""
    return str(request.app.state.client_key(request))


SubmitterDep = Annotated[str, Depends(submitter_key)]
