"""Knowledge-base search and entries."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from knowledge.base import MAX_K, MAX_QUERY_CHARS
from service.deps import KnowledgeDep

router = APIRouter(tags=["knowledge"])


@router.get("/knowledge/search")
def search(kb: KnowledgeDep,
           q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
           k: Annotated[int, Query(ge=1, le=MAX_K)] = 5) -> list[dict[str, Any]]:
    return [r.as_dict() for r in kb.search(q, k)]


@router.get("/knowledge/{entry_id}")
def get_entry(entry_id: str, kb: KnowledgeDep) -> dict[str, Any]:
    return kb.get(entry_id).model_dump()
