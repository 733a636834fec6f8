"""Building the heavy objects the service needs, from settings, once per process.

Both the FastAPI lifespan and the ``kaoda`` CLI go through these functions, so the service and
the CLI load exactly the same model, index and sandbox for the same settings.
"""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.embedder import ModelSpec, SentenceTransformerEmbedder
from service.config import Settings


def open_knowledge_base(settings: Settings, force_rebuild: bool = False) -> KnowledgeBase:
    spec = ModelSpec(settings.kb.model, settings.model_cache_dir, settings.kb.query_prefix,
                     settings.kb.passage_prefix)
    embedder = SentenceTransformerEmbedder(spec)
    return KnowledgeBase.open(embedder, settings.index_dir, force_rebuild=force_rebuild)


def start_sandbox(settings: Settings):  # type: ignore[no-untyped-def]
    from evaluators.sandbox import create_sandbox

    if settings.sandbox.kind == "subprocess":
        return create_sandbox("subprocess")
    return create_sandbox("pool", workers=settings.sandbox.workers,
                          allow_unisolated=settings.sandbox.allow_unisolated)
