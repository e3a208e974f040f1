"""One clock for every domain: timezone-aware UTC now.

Services take an optional ``now`` where a test needs to move time; everything else
asks this function, so there is one place to read (or, one day, to freeze) the time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

# Vietnam keeps one offset all year (no daylight saving).
VIETNAM = timezone(timedelta(hours=7), "ICT")


def utcnow() -> datetime:
    return datetime.now(UTC)


def in_vietnam(day: date, hour: int = 0, minute: int = 0) -> datetime:
    """The moment a clock in Vietnam shows ``hour:minute`` on ``day`` (midnight by default)."""
    return datetime.combine(day, time(hour, minute), tzinfo=VIETNAM)


def today_in_vietnam() -> date:
    """The province's calendar day: a member who joined "today" at 06:00 in Cà Mau joined
    on Vietnam's date, which the server's clock (UTC) still calls yesterday until 07:00."""
    return utcnow().astimezone(VIETNAM).date()


def as_utc(moment: datetime) -> datetime:
    """``moment`` with its zone, or taken as UTC when it has none."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
