"""Knowledge-base search and entries."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from knowledge.base import MAX_K, MAX_QUERY_CHARS
from knowledge.schema import Entry
from service.deps import KnowledgeDep
from service.errors import responses
from service.schemas import SearchHit

router = APIRouter(tags=["knowledge"])
NOT_BLANK = r"[^\s\x1c-\x1f]"  # something other than whitespace (as str.strip() sees it)


@router.get("/knowledge/search", response_model=list[SearchHit], responses=responses(422))
def search(kb: KnowledgeDep,
           q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS,
                                   pattern=NOT_BLANK, description="words or a question")],
           k: Annotated[int, Query(ge=1, le=MAX_K)] = 5) -> list[SearchHit]:
    return [SearchHit.model_validate(r.as_dict()) for r in kb.search(q, k)]


@router.get("/knowledge/{entry_id}", response_model=Entry, responses=responses(404))
def get_entry(entry_id: str, kb: KnowledgeDep) -> Entry:
    return kb.get(entry_id)
