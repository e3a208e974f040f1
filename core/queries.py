"""Query helpers every domain service shares."""

from __future__ import annotations

from typing import TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.errors import NotFound

M = TypeVar("M", bound=Model)


async def first_or_not_found(query: QuerySet[M], code: str, *, field: str | None = None) -> M:
    """The first row of ``query``, or ``NotFound(code, field=field)`` when it has none."""
    row = await query.first()
    if row is None:
        raise NotFound(code, field=field)
    return row
