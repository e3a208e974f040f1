"""What every ``dxnet`` command module shares: settings, failing, the database, the actor.

Command modules (``api.cli``, ``api.cli_accounts``, ``api.cli_sheets``) import this one
and never each other, except ``api.cli`` which assembles them, so there is no import
cycle. Commands run as the system actor (the province root's scope, every role): the
operator at the terminal is trusted like the server itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import NoReturn, TypeVar

import typer
from tortoise import Tortoise

from api.db import tortoise_config
from api.settings import Settings, SettingsError, load_settings
from core.actor import Actor
from core.errors import DomainError, ValidationFailed
from network.models import AdminUnit

T = TypeVar("T")


def read_settings() -> Settings:
    """The settings from ``DXNET_*`` variables, or exit 2 with the configuration error."""
    try:
        return load_settings()
    except SettingsError as error:
        typer.secho(f"Configuration error: {error}", fg="red", err=True)
        raise typer.Exit(2) from None


def fail(message: str) -> NoReturn:
    """Print ``message`` in red on stderr and exit 1."""
    typer.secho(message, fg="red", err=True)
    raise typer.Exit(1)


def fail_with(error: DomainError) -> NoReturn:
    """Print each field error of a refused command (in English: operators' terminals)."""
    from i18n import translate

    errors = error.errors if isinstance(error, ValidationFailed) else [error]
    for e in errors:
        message = translate(f"error.{e.code}", "en", **e.params)
        typer.secho(f"{e.field}: {message}" if e.field else message, fg="red", err=True)
    raise typer.Exit(1)


def run_with_db(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    """Run ``work`` with the ORM open on the configured database, closing it after."""

    async def runner() -> T:
        await Tortoise.init(config=tortoise_config(settings.database_url))
        try:
            return await work()
        finally:
            await Tortoise.close_connections()

    return asyncio.run(runner())


async def system_actor() -> tuple[Actor, AdminUnit]:
    """The system actor and the root admin unit it is scoped to."""
    from network import admin_units

    root = await admin_units.get_root()
    return Actor.system(root.path, root.code), root
