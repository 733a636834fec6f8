"""Building the heavy objects the service needs, from settings, once per process.

Both the FastAPI lifespan and the ``kaoda`` CLI go through these functions, so the service and
the CLI load exactly the same model, index and sandbox for the same settings.
"""

from __future__ import annotations

from typing import Any

from knowledge.base import KnowledgeBase
from knowledge.embedder import ModelSpec, open_embedder
from service.config import Settings


def model_spec(settings: Settings) -> ModelSpec:
    kb = settings.kb
    return ModelSpec(kb.model, settings.model_cache_dir, kb.query_prefix, kb.passage_prefix,
                     kb.torch_threads, kb.runtime, kb.precision)


def open_knowledge_base(settings: Settings, force_rebuild: bool = False) -> KnowledgeBase:
    embedder = open_embedder(model_spec(settings))
    return KnowledgeBase.open(embedder, settings.index_dir, force_rebuild=force_rebuild)


def start_sandbox(settings: Settings):
    from evaluators.sandbox import create_sandbox

    if settings.sandbox.kind == "subprocess":
        return create_sandbox("subprocess")
    # The service's home (database, caches) must be invisible to submissions wherever it lives.
    return create_sandbox("pool", workers=settings.sandbox.workers,
                          allow_unisolated=settings.sandbox.allow_unisolated,
                          hidden_paths=(str(settings.home),))


def _llm_api_key(settings: Settings) -> str | None:
    return settings.llm.api_key.get_secret_value() if settings.llm.api_key else None


def build_brains(settings: Settings):
    """(primary brain, offline fallback): the LLM when an endpoint is configured."""
    from service.interview.brains.offline import OfflineBrain

    offline = OfflineBrain()
    if not settings.llm.base_url:
        return offline, offline
    from service.interview.brains.registry import build_brain

    llm = build_brain("llm", base_url=settings.llm.base_url, model=settings.llm.model,
                      api_key=_llm_api_key(settings), timeout_s=settings.llm.timeout_s,
                      style="rewrite" if settings.llm.profile == "small" else "directive")
    return llm, offline


def build_judge(settings: Settings, kb: KnowledgeBase):
    """The rubric grader; wrapped by the LLM judge only when asked (``KAODA_LLM__JUDGE=llm``)
    and an endpoint is configured — on unseen answers the bundled 0.5B model made grades worse
    (see the README and ``benchmarks/grading.py``)."""
    from service.interview.brains.registry import build_judge as make_judge
    from service.interview.grading.rubric import RubricGrader

    rubric = RubricGrader.from_index(kb.index, settings.kb.reference_checks)
    rubric.warm_up(settings.grader_passages_path)
    if not settings.llm.base_url or settings.llm.judge == "rubric":
        return make_judge("rubric", rubric=rubric)
    return make_judge("llm", rubric=rubric, base_url=settings.llm.base_url,
                      model=settings.llm.model, timeout_s=settings.llm.timeout_s,
                      api_key=_llm_api_key(settings), compact=settings.llm.profile == "small")


def open_database_for(settings: Settings, migrate: bool = True):
    from service.storage.db import open_database

    db = settings.db
    return open_database(settings.database_url, pool_size=db.pool_size,
                         max_overflow=db.max_overflow, lock_timeout_s=db.lock_timeout_s,
                         migrate=migrate)


def build_services(settings: Settings, kb: KnowledgeBase, sandbox_provider) -> dict[str, Any]:
    """Everything the routes use, over one database: the ``app.state`` attributes by name."""
    from service.account_service import AccountService
    from service.auth.passwords import Passwords
    from service.auth.service import AuthService
    from service.auth.store import UserStore
    from service.interview_service import InterviewService
    from service.interview_store import InterviewStore
    from service.practice_service import PracticeService
    from service.report_service import ReportService
    from service.resume_service import ResumeService

    db = open_database_for(settings)
    store = InterviewStore(db)
    brain, offline = build_brains(settings)
    judge = build_judge(settings, kb)
    interviews = InterviewService(store, kb, judge, brain, offline, sandbox_provider)
    if settings.llm.base_url and settings.llm.profile == "hosted":
        from service.interview.brains.advisor import LLMSlotAdvisor
        from service.interview.brains.registry import make_client

        client = make_client(settings.llm.base_url, _llm_api_key(settings), settings.llm.timeout_s)
        interviews.engine.drill.advisor = LLMSlotAdvisor(client, settings.llm.model or "")
    return {
        "db": db,
        "interviews": interviews,
        "resumes": ResumeService(store),
        "practice": PracticeService(store, kb, judge, interviews.titles, sandbox_provider),
        "reports": ReportService(store, kb, interviews.titles,
                                 interviews.engine.question_matcher),
        "accounts": AccountService(store, settings.auth.mode),
        "auth": AuthService(settings.auth, UserStore(db), Passwords()),
    }
