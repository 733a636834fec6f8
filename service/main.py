"""The FastAPI application: ``create_app()`` builds it, the lifespan loads heavy parts once.

Heavy objects — the embedding model and the FAISS index (via :class:`KnowledgeBase`), the warm
sandbox pool — are created in the lifespan and kept on ``app.state``; routes reach them through
the ``Annotated`` dependencies in :mod:`service.deps`. Domain errors are mapped to HTTP statuses
in one place (:mod:`service.errors`) so routes stay thin.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service.admission import Admission, client_address
from service.components import build_interview_service, open_knowledge_base, start_sandbox
from service.config import Settings
from service.errors import ServiceUnavailable, install_error_handlers
from service.routes import health, interviews, knowledge, problems, questions, resumes

log = logging.getLogger("kaoda")


def _start_sandbox_or_none(app: FastAPI, settings: Settings) -> None:
    from evaluators.sandbox import SandboxUnavailableError

    app.state.sandbox_error = None
    try:
        app.state.sandbox = start_sandbox(settings)
    except SandboxUnavailableError as exc:  # the rest of the product still works
        log.error("sandbox unavailable: %s", exc)
        app.state.sandbox = None
        app.state.sandbox_error = str(exc)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    app.state.kb = open_knowledge_base(settings)
    _start_sandbox_or_none(app, settings)

    def sandbox_provider():
        if app.state.sandbox is None:
            raise ServiceUnavailable(f"code execution is unavailable: {app.state.sandbox_error}")
        return app.state.sandbox

    app.state.interviews = build_interview_service(settings, app.state.kb, sandbox_provider)
    app.state.admission = _admission(app.state.sandbox, settings)
    try:
        yield
    finally:
        app.state.admission.close()
        if app.state.sandbox is not None:
            app.state.sandbox.close()


def _admission(sandbox, settings: Settings) -> Admission:
    """One slot per sandbox worker, shared fairly between clients (see service.admission)."""
    group = settings.sandbox
    return Admission(capacity=getattr(sandbox, "size", None) or os.cpu_count() or 1,
                     per_client_running=group.per_client_running,
                     per_client_queued=group.per_client_queued, max_wait_s=group.max_wait_s)


def create_app(settings: Settings | None = None) -> FastAPI:
    app = FastAPI(title="Kaoda 拷打", version="0.1.0", lifespan=lifespan,
                  description="A demanding mock interviewer for AI / ML algorithm jobs.")
    app.state.settings = settings or Settings()
    app.state.client_key = client_address  # the accounts work plugs the user id in here
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(knowledge.router, prefix="/v1")
    app.include_router(problems.router, prefix="/v1")
    app.include_router(resumes.router, prefix="/v1")
    app.include_router(interviews.router, prefix="/v1")
    app.include_router(questions.router, prefix="/v1")
    return app
