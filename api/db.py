"""Tortoise ORM configuration and the migration runner shared by the app, the CLI and tests."""

from __future__ import annotations

import os
from typing import Any

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
