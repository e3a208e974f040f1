"""Dates in the rule language: ISO text in, ISO text out, days since 1970-01-01 between.

Times are read as wall-clock time: an offset such as ``+07:00`` is checked but not used,
so ``date(decimal-date-time(now()))`` is the local date that ``today()`` returns.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from surveys.rules.syntax import RuleTypeError
from surveys.rules.values import tidy

_EPOCH = date(1970, 1, 1).toordinal()
_MOMENT = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(?:Z|[+-]\d{2}:\d{2})?)?",
    re.ASCII,
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _moment(value: Any, what: str) -> tuple[date, int]:
    """A date or date-time value as (date, milliseconds since midnight)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise RuleTypeError(f"{what} needs a date, not {value!r}")
        days = math.floor(value)
        millis = math.floor((value - days) * 86_400_000 + 0.5)
        return _from_days(days, what), min(millis, 86_399_999)
    match = _MOMENT.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise RuleTypeError(f"{what} needs a date, not {value!r}")
    year, month, day, hour, minute, second, fraction = match.groups()
    try:
        day_ = date(int(year), int(month), int(day))
    except ValueError:
        raise RuleTypeError(f"{what}: no such date {value!r}") from None
    h, m, s = int(hour or 0), int(minute or 0), int(second or 0)
    if h > 23 or m > 59 or s > 59:
        raise RuleTypeError(f"{what}: no such time {value!r}")
    millis = int((fraction or "0").ljust(3, "0"))
    return day_, ((h * 60 + m) * 60 + s) * 1000 + millis


def _from_days(days: int, what: str) -> date:
    try:
        return date.fromordinal(days + _EPOCH)
    except (ValueError, OverflowError):
        raise RuleTypeError(f"{what}: date out of range") from None


def to_date(value: Any) -> str | None:
    """date(v): an ISO date (YYYY-MM-DD) from a date, a date-time or a number of days."""
    if value is None:
        return None
    return _moment(value, "date()")[0].isoformat()


def decimal_date_time(value: Any) -> float | int | None:
    """decimal-date-time(v): days since 1970-01-01, the time of day as a fraction."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    day, millis = _moment(value, "decimal-date-time()")
    return tidy(day.toordinal() - _EPOCH + millis / 86_400_000)


def format_date(value: Any, pattern: str) -> str:
    """format-date(v, pattern): %Y %y %m %n %b %d %e %a %H %h %M %S %3 and %%."""
    if value is None:
        return ""
    day, millis = _moment(value, "format-date()")
    seconds, ms = divmod(millis, 1000)
    minutes, sec = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    fields = {
        "Y": f"{day.year:04d}",
        "y": f"{day.year % 100:02d}",
        "m": f"{day.month:02d}",
        "n": str(day.month),
        "b": _MONTHS[day.month - 1],
        "d": f"{day.day:02d}",
        "e": str(day.day),
        "a": _DAYS[day.weekday()],
        "H": f"{hour:02d}",
        "h": str(hour),
        "M": f"{minute:02d}",
        "S": f"{sec:02d}",
        "3": f"{ms:03d}",
        "%": "%",
    }
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "%" and index + 1 < len(pattern) and pattern[index + 1] in fields:
            out.append(fields[pattern[index + 1]])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)
