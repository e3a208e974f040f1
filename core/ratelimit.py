"""Fixed-window request counters kept in the database, so every worker sees the same counts.

A counter's key is ``<limit name>:<sha256 of the value>``: the table never holds a client
address or a phone number in clear. Counting is one atomic ``UPDATE ... SET count =
count + 1`` (created on first use, with a savepoint so a concurrent creator does not
abort the caller's transaction), as for sign-in failures in ``accounts.services``.

Callers that count inside their use case's transaction get "count only what succeeded"
for free: a refused request rolls its increment back. Each domain names its own limits
(``recognition.initiatives``, ``surveys.sync``...).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from core.clock import utcnow
from core.errors import RateLimited
from core.models import RateLimitCounter


@dataclass(frozen=True)
class Limit:
    name: str
    max_count: int
    window: timedelta


def counter_key(limit: Limit, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()
    return f"{limit.name}:{digest}"


def _retry_after(row: RateLimitCounter, limit: Limit, now: datetime) -> int:
    return max(1, int((row.window_started_at + limit.window - now).total_seconds()))


async def check(limit: Limit, value: str, *, now: datetime | None = None) -> None:
    """Refuse when the window is already full, without counting this request."""
    now = now or utcnow()
    row = await RateLimitCounter.get_or_none(key=counter_key(limit, value))
    if row is None or row.window_started_at <= now - limit.window:
        return
    if row.count >= limit.max_count:
        raise RateLimited(_retry_after(row, limit, now))


async def hit(
    limit: Limit, value: str, *, now: datetime | None = None, field: str | None = None
) -> int:
    """Count one request for ``value``; raise ``RateLimited`` once past the limit."""
    now = now or utcnow()
    key = counter_key(limit, value)
    await RateLimitCounter.filter(key=key, window_started_at__lte=now - limit.window).update(
        count=0, window_started_at=now
    )
    updated = await RateLimitCounter.filter(key=key).update(count=F("count") + 1)
    if not updated:
        try:
            async with in_transaction():  # a savepoint when the caller holds a transaction
                await RateLimitCounter.create(key=key, count=1, window_started_at=now)
        except IntegrityError:  # a concurrent request created it first
            await RateLimitCounter.filter(key=key).update(count=F("count") + 1)
    row = await RateLimitCounter.get(key=key)
    if row.count > limit.max_count:
        raise RateLimited(_retry_after(row, limit, now), field=field)
    return row.count
