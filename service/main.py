"""The FastAPI application: ``create_app()`` builds it, the lifespan loads heavy parts once.

Heavy objects — the embedding model and the FAISS index (via :class:`KnowledgeBase`), the warm
sandbox pool, the database and the services over it — are created in the lifespan and kept on
``app.state``; routes reach them through the ``Annotated`` dependencies in :mod:`service.deps`.
Domain errors are mapped to HTTP statuses in one place (:mod:`service.errors`) so routes stay
thin; every request carries a request id into the logs (:mod:`service.observability`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from service.admission import Admission
from service.components import build_services, open_knowledge_base, start_sandbox
from service.config import Settings
from service.deps import client_identity
from service.errors import ServiceUnavailable, install_error_handlers
from service.observability import request_context
from service.openapi_doc import build_openapi
from service.routes import auth, health, interviews, knowledge, me, problems, questions, resumes

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

    for name, value in build_services(settings, app.state.kb, sandbox_provider).items():
        setattr(app.state, name, value)
    app.state.admission = _admission(app.state.sandbox, settings)
    try:
        yield
    finally:
        app.state.admission.close()
        app.state.interviews.close()
        app.state.db.dispose()
        if app.state.sandbox is not None:
            app.state.sandbox.close()


def _admission(sandbox, settings: Settings) -> Admission:
    """One slot per sandbox worker, shared fairly between clients (see service.admission)."""
    group = settings.sandbox
    return Admission(capacity=getattr(sandbox, "size", None) or os.cpu_count() or 1,
                     per_client_running=group.per_client_running,
                     per_client_queued=group.per_client_queued, max_wait_s=group.max_wait_s)


def create_app(settings: Settings | None = None) -> FastAPI:
    app = FastAPI(title="Kaoda 拷打", version="0.2.0", lifespan=lifespan,
                  description="A demanding mock interviewer for AI / ML algorithm jobs.")
    app.state.settings = settings or Settings()
    app.state.client_key = client_identity  # fair sharing: the user (accounts mode) or address
    install_error_handlers(app)
    app.middleware("http")(request_context)
    app.include_router(health.router)
    for router in (auth.router, me.router, knowledge.router, problems.router, resumes.router,
                   interviews.router, questions.router):
        app.include_router(router, prefix="/v1")
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    return app
