"""Who is asking: a session cookie for people, ``Authorization: Bearer`` for partner apps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from starlette.requests import HTTPConnection

from accounts import services as accounts
from accounts.services import SessionPolicy
from api.settings import Settings
from core.actor import Actor
from core.errors import Unauthenticated

SESSION_COOKIE = "dxnet_session"
INVALID_API_KEY = "INVALID_API_KEY"


@dataclass(frozen=True)
class Authentication:
    actor: Actor
    # Set when a credential was sent but is not valid: "UNAUTHENTICATED" for a session
    # (expired, revoked or unknown), "INVALID_API_KEY" for an API key.
    error: str | None = None
    session_token: str | None = None


def session_policy(settings: Settings) -> SessionPolicy:
    return SessionPolicy(
        idle=timedelta(hours=settings.session_idle_hours),
        absolute=timedelta(days=settings.session_max_days),
    )


async def authenticate(connection: HTTPConnection, settings: Settings) -> Authentication:
    authorization = connection.headers.get("authorization", "")
    if authorization:
        scheme, _, credential = authorization.partition(" ")
        if scheme.lower() != "bearer" or not credential.strip():
            return Authentication(Actor.anonymous(), error=INVALID_API_KEY)
        try:
            key, unit = await accounts.resolve_api_key(raw=credential.strip())
        except Unauthenticated:
            return Authentication(Actor.anonymous(), error=INVALID_API_KEY)
        return Authentication(accounts.actor_for_api_key(key, unit))

    token = connection.cookies.get(SESSION_COOKIE)
    if not token:
        return Authentication(Actor.anonymous())
    try:
        actor = await accounts.resolve_session(token=token, policy=session_policy(settings))
    except Unauthenticated:
        return Authentication(Actor.anonymous(), error=Unauthenticated.code, session_token=token)
    return Authentication(actor, session_token=token)
