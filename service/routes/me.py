"""One's own account and data: who am I, export everything, delete everything."""

from __future__ import annotations

from fastapi import APIRouter, Response

from service.deps import AccountsDep, UserDep
from service.errors import responses
from service.schemas import Export, UserOut

router = APIRouter(tags=["me"])


@router.get("/me", response_model=UserOut, responses=responses(401))
def me(user: UserDep, accounts: AccountsDep) -> UserOut:
    return accounts.me(user)


@router.get("/me/export", response_model=Export, responses=responses(401))
def export(user: UserDep, accounts: AccountsDep) -> Export:
    return accounts.export(user)


@router.delete("/me", status_code=204, response_class=Response, responses=responses(401))
def delete_me(user: UserDep, accounts: AccountsDep) -> Response:
    """Delete the account and everything in it (local mode: all data; the user stays)."""
    accounts.delete_everything(user)
    return Response(status_code=204)
