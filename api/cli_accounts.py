"""The account commands of ``dxnet``: ``create-user`` and ``create-api-key``.

``api.cli`` registers them under those names; they run as the system actor.
"""

from __future__ import annotations

from typing import Annotated

import typer
from tortoise.transactions import in_transaction

from api.cli_common import fail_with, read_settings, run_with_db, system_actor
from core.errors import DomainError


def create_user(
    username: Annotated[str, typer.Option()],
    role: Annotated[
        list[str],
        typer.Option(
            help="PROVINCE_ADMIN, UNIT_MANAGER, FIELD_STAFF or COMMITTEE_MEMBER; repeatable."
        ),
    ],
    scope: Annotated[str, typer.Option(help="Admin-unit code the user may see, e.g. 96 or 32002.")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
    display_name: Annotated[str | None, typer.Option()] = None,
) -> None:
    """Create a user account."""
    from accounts import services as accounts

    settings = read_settings()

    async def work() -> str:
        actor, _root = await system_actor()
        async with in_transaction():
            user = await accounts.create_user(
                actor,
                username=username,
                password=password,
                display_name=display_name or username,
                roles=role,
                scope_code=scope,
            )
        return user.username

    try:
        name = run_with_db(settings, work)
    except DomainError as error:
        fail_with(error)
    typer.echo(f"User {name} created.")


def create_api_key(
    name: Annotated[str, typer.Option()],
    scopes: Annotated[
        str,
        typer.Option(
            help="Comma-separated: read:network,read:surveys,read:recognition,read:activities,read:knowledge,read:projects,read:pii"
        ),
    ],
    admin_unit: Annotated[
        str | None, typer.Option(help="Subtree the key may read (default: the province).")
    ] = None,
) -> None:
    """Create a partner API key and print it once."""
    from accounts import services as accounts

    settings = read_settings()

    async def work() -> str:
        actor, _root = await system_actor()
        async with in_transaction():
            _key, raw = await accounts.create_api_key(
                actor,
                name=name,
                scopes=[s.strip() for s in scopes.split(",") if s.strip()],
                admin_unit_code=admin_unit,
            )
        return raw

    try:
        raw = run_with_db(settings, work)
    except DomainError as error:
        fail_with(error)
    typer.echo("API key (shown once; store it now):")
    typer.echo(raw)
