"""Sign-in attempt counters: reserve an attempt atomically *before* a password is checked.

Each key (``user:<name>`` or ``addr:<client address>``) has one row in
``account_login_throttle``. An attempt is let through only if one statement,

    INSERT ... ON CONFLICT (key) DO UPDATE SET failures = failures + 1
    WHERE not locked AND failures < limit RETURNING failures

returns a row. The database serialises those statements per key (a row lock on
PostgreSQL, the single writer on SQLite), so however many workers and connections guess
at once, at most ``limit`` attempts are verified in a window: the counter holds the
failures of the window *and* the attempts in flight. A failure leaves its reservation
counted (and locks the key when the counter is full); a success releases it (an address)
or clears the row (a username). No step reads a row and then writes it, so a success
clearing a counter cannot break a failure being counted.

Decision note: docs/decisions/0002-sessions-keys-and-throttling-in-the-database.md.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from accounts.models import LoginThrottle

_RESERVE = """
INSERT INTO account_login_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, $2)
ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN t.window_started_at <= $3 THEN 1 ELSE t.failures + 1 END,
    window_started_at = CASE WHEN t.window_started_at <= $3 THEN $2 ELSE t.window_started_at END
WHERE (t.locked_until IS NULL OR t.locked_until <= $2) AND (t.window_started_at <= $3 OR t.failures < $4)
RETURNING failures
"""
_RELEASE = (
    "UPDATE account_login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0"
)


def _sql(statement: str) -> str:
    """Numbered parameters: ``$1`` for PostgreSQL, ``?1`` for SQLite (both may repeat)."""
    if LoginThrottle._meta.db.capabilities.dialect == "postgres":
        return statement
    return statement.replace("$", "?")


def _db_time(value: datetime) -> object:
    return LoginThrottle._meta.fields_map["window_started_at"].to_db_value(value, LoginThrottle)


async def reserve(key: str, *, limit: int, window: timedelta, now: datetime) -> int | None:
    """Count one attempt for ``key``; its number in the window, or None when refused
    (the key is locked, or ``limit`` attempts are already counted or in flight)."""
    statement = _sql(_RESERVE)
    rows = await LoginThrottle._meta.db.execute_query_dict(
        statement, [key, _db_time(now), _db_time(now - window), limit]
    )
    return int(rows[0]["failures"]) if rows else None


async def release(key: str) -> None:
    """Give back one reserved attempt (it was refused by another key, or succeeded)."""
    await LoginThrottle._meta.db.execute_query(
        _sql(_RELEASE),
        [key],
    )


async def clear(key: str) -> None:
    """Forget a username's failures after a successful sign-in."""
    await LoginThrottle.filter(key=key).delete()


async def lock_if_full(key: str, *, limit: int, lock_for: timedelta, now: datetime) -> None:
    """After a failure: lock the key when its window holds ``limit`` attempts.

    The counter restarts with the lock; attempts still in flight were counted already
    and, the key being locked, no new one is let through until the lock ends.
    """
    await LoginThrottle.filter(key=key, failures__gte=limit).update(
        locked_until=now + lock_for, failures=0, window_started_at=now
    )


async def retry_after(keys: list[str], *, window: timedelta, now: datetime) -> int:
    """Seconds until a refused key may try again: its lock, or else the end of its window."""
    remaining = 0
    for row in await LoginThrottle.filter(key__in=keys):
        if row.locked_until is not None and row.locked_until > now:
            until = row.locked_until
        else:
            until = row.window_started_at + window
        remaining = max(remaining, int((until - now).total_seconds()))
    return max(1, remaining)


async def locked_for(keys: list[str], *, now: datetime) -> int:
    """Seconds left on the longest lock among ``keys`` (0 when none is locked)."""
    rows = await LoginThrottle.filter(key__in=keys, locked_until__gt=now)
    if not rows:
        return 0
    until = max(r.locked_until for r in rows if r.locked_until is not None)
    return max(1, int((until - now).total_seconds()))
