"""Moments keep time order on SQLite whatever offset they were written with (decision
0043): SQLite compares datetimes as text, so each is stored in UTC, and migration 0024
rewrites those an earlier version stored with their offset."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta

import pytest
from tortoise import connections

from activities.models import Event
from api.db import sqlite_datetime
from core.actor import Actor
from core.clock import VIETNAM
from tests.activities.activity_data import NOW, make_event
from tests.conftest import BACKEND
from tests.network.registry_data import Registry

MIGRATION = importlib.import_module("migrations.0024_utc_datetimes")


def test_the_adapter_writes_aware_moments_in_utc_and_leaves_naive_ones() -> None:
    nine_in_vietnam = datetime(2026, 12, 1, 9, 0, 30, 250, tzinfo=VIETNAM)
    assert sqlite_datetime(nine_in_vietnam) == "2026-12-01 02:00:30.000250+00:00"
    assert sqlite_datetime(datetime(2026, 12, 1, 9)) == "2026-12-01 09:00:00"


async def test_order_and_filters_follow_time_not_the_offset_written(
    system: Actor, registry: Registry
) -> None:
    # 09:00 in Vietnam is 02:00 UTC: earlier than 05:00 UTC though "09" > "05" as text
    base = NOW.replace(hour=5, minute=0, second=0, microsecond=0)
    in_vietnam = (base - timedelta(hours=3)).astimezone(VIETNAM)
    await make_event(system, title="utc", starts_in=base - NOW)
    await make_event(system, title="vietnam", starts_in=in_vietnam - NOW)

    titles = await Event.all().order_by("starts_at").values_list("title", flat=True)
    assert titles == ["vietnam", "utc"]
    after_vietnam = Event.filter(starts_at__gt=in_vietnam + timedelta(minutes=1))
    assert await after_vietnam.values_list("title", flat=True) == ["utc"]
    # the same bound written in UTC or in Vietnam's offset selects the same events
    for bound in (base - timedelta(hours=1), (base - timedelta(hours=1)).astimezone(VIETNAM)):
        assert await Event.filter(starts_at__gte=bound).values_list("title", flat=True) == ["utc"]
        assert await Event.filter(starts_at__lt=bound).values_list("title", flat=True) == [
            "vietnam"
        ]


@pytest.mark.skipif(BACKEND != "sqlite", reason="PostgreSQL stores timestamptz, not text")
async def test_migration_0024_rewrites_offsets_stored_before_in_utc(
    system: Actor, registry: Registry
) -> None:
    event = await make_event(system, title="old row")
    client = connections.get("default")
    await client.execute_query(
        "UPDATE activity_event SET starts_at = ?, ends_at = ? WHERE id = ?",
        ["2026-12-01 09:00:00+07:00", "2026-12-01 05:00:00", event.id],
    )
    other = await make_event(system, title="unreadable")
    await client.execute_query(
        "UPDATE activity_event SET updated_at = 'not a time' WHERE id = ?",
        [other.id],
    )
    assert await MIGRATION.rewrite_in_utc(client) == 1
    _, rows = await client.execute_query(
        "SELECT starts_at, ends_at FROM activity_event WHERE id = ?", [event.id]
    )
    # the offset rewritten; a naive value (no zone to convert from) left as it was
    assert tuple(rows[0]) == ("2026-12-01 02:00:00+00:00", "2026-12-01 05:00:00")
    assert await MIGRATION.rewrite_in_utc(client) == 0
    _, kept = await client.execute_query(
        "SELECT updated_at FROM activity_event WHERE id = ?", [other.id]
    )
    assert tuple(kept[0]) == ("not a time",)
    reread = await Event.get(id=event.id)
    assert reread.starts_at == datetime(2026, 12, 1, 2, tzinfo=UTC)


@pytest.mark.skipif(BACKEND != "sqlite", reason="PostgreSQL stores timestamptz, not text")
async def test_every_stored_moment_is_utc_text(system: Actor, registry: Registry) -> None:
    event = await make_event(system, title="from a phone")
    moved = datetime(2026, 12, 1, 9, tzinfo=VIETNAM)
    await Event.filter(id=event.id).update(starts_at=moved, ends_at=moved + timedelta(hours=2))
    _, rows = await connections.get("default").execute_query(
        "SELECT starts_at, ends_at, created_at FROM activity_event"
    )
    assert tuple(rows[0])[:2] == ("2026-12-01 02:00:00+00:00", "2026-12-01 04:00:00+00:00")
    assert all(str(v).endswith("+00:00") for row in rows for v in tuple(row))
