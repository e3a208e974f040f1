"""Raw INSERTs for hot paths, where building a hundred model objects costs more than
the database does (audit events of a page, a sync batch). Values must already be in
their database form (``Field.to_db_value``); table and column names come from models,
never from input."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tortoise.models import Model


def value_groups(model: type[Model], width: int, rows: int = 1) -> str:
    """``(?, ?), (?, ?)`` or ``($1, $2), ($3, $4)``: ``rows`` groups of ``width``
    placeholders in the model's database dialect."""
    if model._meta.db.capabilities.dialect == "postgres":
        return ", ".join(
            "(" + ", ".join(f"${r * width + c + 1}" for c in range(width)) + ")"
            for r in range(rows)
        )
    one = "(" + ", ".join("?" for _ in range(width)) + ")"
    return ", ".join(one for _ in range(rows))


def insert_sql(model: type[Model], columns: Sequence[str], rows: int = 1) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    groups = value_groups(model, len(columns), rows)
    return f'INSERT INTO "{model._meta.db_table}" ({names}) VALUES {groups}'  # noqa: S608 - model names


async def insert_many(model: type[Model], columns: Sequence[str], rows: list[list[Any]]) -> None:
    """One prepared INSERT run over ``rows`` (database column names)."""
    if rows:
        await model._meta.db.execute_many(insert_sql(model, columns), rows)
