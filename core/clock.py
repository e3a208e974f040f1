"""One clock for every domain: timezone-aware UTC now.

Services take an optional ``now`` where a test needs to move time; everything else
asks this function, so there is one place to read (or, one day, to freeze) the time.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """``moment`` with its zone, or taken as UTC when it has none."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
