"""Tortoise ORM configuration and the migration runner shared by the app, the CLI and tests."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from typing import Any

# Imported before the adapter below is registered: this module registers its own on import.
import tortoise.backends.sqlite.executor  # noqa: F401
from tortoise import Tortoise
from tortoise.migrations.api import migrate as run_migrations

# Every domain package that owns models is listed here, in one Tortoise app so that
# foreign keys across domains stay plain ("dxnet.AdminUnit") and there is one history of
# migrations in ``migrations/``.
MODEL_MODULES = [
    "core.models",
    "network.models",
    "accounts.models",
    "recognition.models",
    "activities.models",
    "surveys.models",
    "knowledge.models",
    "projects.models",
    "support.models",
]
APP_LABEL = "dxnet"


def sqlite_datetime(value: datetime) -> str:
    """A moment as SQLite stores it: in UTC, so that text order is time order.

    SQLite keeps a datetime as text and compares text. Tortoise's adapter writes an aware
    moment with its own offset, so 09:00+07:00 (02:00 UTC) sorted after 05:00+00:00 and a
    phone's ``startsAfter`` in Vietnam's offset missed the events of its first seven hours.
    Every write and every filter value goes through this one adapter (decision 0043).
    """
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.isoformat(" ")


sqlite3.register_adapter(datetime, sqlite_datetime)


def tortoise_config(database_url: str) -> dict[str, Any]:
    return {
        "connections": {"default": database_url},
        "apps": {
            APP_LABEL: {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _cli_config() -> dict[str, Any]:
    """The config ``tortoise makemigrations -c api.db.TORTOISE_ORM`` reads."""
    from api.settings import load_settings

    url = os.environ.get("DXNET_DATABASE_URL") or load_settings().database_url
    return tortoise_config(url)


def __getattr__(name: str) -> Any:
    if name == "TORTOISE_ORM":
        return _cli_config()
    raise AttributeError(name)


async def migrate(database_url: str) -> None:
    """Apply every pending migration, then close the connections it opened."""
    try:
        await run_migrations(config=tortoise_config(database_url))
    finally:
        await Tortoise.close_connections()
