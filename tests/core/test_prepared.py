"""PreparedValues (decision 0042) answers what the ORM query it was built from answers,
converted the same way, on either database and inside a transaction."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from tortoise.exceptions import MultipleObjectsReturned
from tortoise.transactions import in_transaction

from accounts import services as accounts
from accounts.models import Session, User
from accounts.services import SessionPolicy
from core.actor import Actor, Role
from core.clock import utcnow
from core.queries import PreparedValues

COLUMNS = ("id", "expires_at", "revoked_at", "user__is_active", "user__roles", "user__scope__path")


def by_hash(token_hash: str) -> Any:
    return Session.filter(token_hash=token_hash).first().values(*COLUMNS)


async def _signed_in(system: Actor, username: str) -> tuple[Session, str]:
    user = await accounts.create_user(
        system,
        username=username,
        password="a-long-password-2025",
        display_name=username,
        roles=[Role.FIELD_STAFF],
        scope_code=system.scope_code,
    )
    return await accounts.open_session(
        user=user, user_agent="prepared.agent", policy=SessionPolicy()
    )


async def test_the_same_row_as_the_orm_converted_the_same_way(system: Actor) -> None:
    prepared = PreparedValues(by_hash, token_hash="marker:token")
    session, _ = await _signed_in(system, "prepared.one")
    await _signed_in(system, "prepared.two")
    await Session.filter(id=session.id).update(revoked_at=utcnow() - timedelta(minutes=1))

    for token_hash in (session.token_hash, "no such hash"):
        assert await prepared(Session, token_hash=token_hash) == await by_hash(token_hash)
    row = await prepared(Session, token_hash=session.token_hash)
    assert row["id"] == session.id
    assert row["revoked_at"] is not None and row["revoked_at"].tzinfo is not None
    assert row["user__is_active"] is True  # a bool, not SQLite's 1


async def test_inside_a_transaction_it_reads_the_transaction(system: Actor) -> None:
    prepared = PreparedValues(by_hash, token_hash="marker:token")
    session, _ = await _signed_in(system, "prepared.tx")
    async with in_transaction():
        await User.filter(id=session.user_id).update(is_active=False)
        row = await prepared(Session, token_hash=session.token_hash)
        assert row["user__is_active"] is False


async def test_many_rows_and_the_markers_checked(system: Actor) -> None:
    await _signed_in(system, "prepared.many")
    await _signed_in(system, "prepared.more")
    every = PreparedValues(
        lambda agent: Session.filter(user_agent=agent).values("id"), agent="marker"
    )
    assert len(await every(Session, agent="prepared.agent")) == 2
    assert await every(Session, agent="another") == []
    one = PreparedValues(
        lambda agent: Session.filter(user_agent=agent).get().values("id"), agent="marker"
    )
    with pytest.raises(MultipleObjectsReturned):
        await one(Session, agent="prepared.agent")
    # A marker the query rewrites (``startswith`` appends "%") is refused, not mis-bound.
    rewritten = PreparedValues(
        lambda agent: Session.filter(user_agent__startswith=agent).values("id"), agent="m"
    )
    with pytest.raises(ValueError, match="each marker"):
        await rewritten(Session, agent="prepared")
    missing = PreparedValues(lambda agent: Session.all().values("id"), agent="absent")
    with pytest.raises(ValueError, match="each marker"):
        await missing(Session, agent="prepared.agent")
