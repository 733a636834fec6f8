"""Accounts: register, log in, log out (accounts mode); which mode the service runs in."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Response

from service.deps import AccountsDep, AuthDep, ClientDep, TokenDep, UserDep
from service.errors import responses
from service.schemas import AuthInfo, Credentials, TokenOut, UserOut

router = APIRouter(tags=["auth"])


@router.get("/auth/mode", response_model=AuthInfo)
def auth_mode(auth: AuthDep) -> AuthInfo:
    return AuthInfo(mode=auth.mode)


@router.post("/auth/register", status_code=201, response_model=UserOut,
             responses=responses(404, 409, 422, 429))
def register(body: Credentials, auth: AuthDep, accounts: AccountsDep,
             client: ClientDep) -> UserOut:
    return accounts.me(auth.register(body.username, body.password, client))


@router.post("/auth/login", response_model=TokenOut, responses=responses(401, 404, 422, 429))
def login(body: Credentials, auth: AuthDep, client: ClientDep) -> TokenOut:
    token, expires_at = auth.login(body.username, body.password, client)
    seconds = int((expires_at - datetime.now(UTC)).total_seconds())
    return TokenOut(access_token=token, expires_at=expires_at, expires_in=max(0, seconds))


@router.post("/auth/logout", status_code=204, response_class=Response, responses=responses(401))
def logout(user: UserDep, auth: AuthDep, token: TokenDep) -> Response:
    auth.logout(token)
    return Response(status_code=204)
