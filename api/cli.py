"""The ``dxnet`` command line: the server's life cycle here, other groups beside.

Commands by group: serving, migrating, seeding, backing up and exporting the schema
(this module); accounts (``api.cli_accounts``); spreadsheet imports and exports
(``api.cli_sheets``); XLSForm surveys (``api.cli_xlsform``, joining the same groups). This module assembles them into ``app``; what they share is in
``api.cli_common``, which imports none of them.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path
from typing import Annotated

import typer
from tortoise.transactions import in_transaction

from api import cli_accounts
from api import cli_xlsform as _xlsform_commands  # noqa: F401  (joins the import/export groups)
from api.cli_common import fail, read_settings, run_with_db, system_actor
from api.cli_sheets import export_app, import_app
from api.db import migrate as run_migrations

app = typer.Typer(help="DXNet: the Digital Transformation Network service.", no_args_is_help=True)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Serve DXNet with uvicorn (timeouts and limits: api/server.py)."""
    import uvicorn

    from api.server import uvicorn_options

    settings = read_settings()
    if workers > 1 and settings.is_sqlite:
        fail("SQLite allows one writer: use --workers 1, or PostgreSQL for several workers.")
    uvicorn.run(
        "api.app:app_from_environment",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        **uvicorn_options(),
    )


@app.command()
def migrate() -> None:
    """Apply pending database migrations."""
    settings = read_settings()
    if settings.is_sqlite:
        settings.var_dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(run_migrations(settings.database_url))
    typer.echo("Migrations applied.")


@app.command()
def seed(demo: Annotated[bool, typer.Option(help="Also add demo data.")] = False) -> None:
    """Load the administrative tree of DXNET_PROVINCE_CODE and the national platform
    catalogue (and a demo Network with sign-in accounts with --demo)."""
    from network.seed import seed_platforms, seed_province

    settings = read_settings()
    if demo and settings.env == "production":
        fail("Demo data is refused when DXNET_ENV=production.")

    async def work() -> None:
        async with in_transaction():
            report = await seed_province(settings.province_code)
            platforms = await seed_platforms()
        typer.echo(f"{report.province}: {report.created} units created, {report.updated} updated.")
        typer.echo(f"National platforms: {platforms} created.")
        if demo:
            await _seed_demo()

    try:
        run_with_db(settings, work)
    except ValueError as error:
        fail(str(error))


async def _seed_demo() -> None:
    """Every domain's demo data, in one transaction, in dependency order."""
    from demo import DEMO_PASSWORD, seed_demo

    actor, root = await system_actor()
    async with in_transaction():
        seeded = await seed_demo(actor, root)
    network, activities = seeded.network, seeded.activities
    recognition, surveys = seeded.recognition, seeded.surveys
    logins, partner_key = seeded.logins, seeded.partner_key
    state = "tạo mới / created" if network.created else "đã có / already present"
    typer.echo(
        f"Mạng lưới demo / demo Network ({state}): {network.organizations} tổ chức / "
        f"organisations ({network.community_tech_teams} tổ CNSCĐ / tech teams), "
        f"{network.hamlets} ấp-khóm / hamlets, {network.members} thành viên / members, "
        f"{network.focal_points} đầu mối / focal points, "
        f"{network.platform_adoptions} lượt dùng nền tảng / platform adoptions."
    )
    typer.echo(
        f"Hoạt động demo / demo activities: {activities.events} sự kiện / events, "
        f"{activities.attendances} lượt điểm danh / check-ins, "
        f"{activities.field_logs} nhật ký hiện trường / field logs."
    )
    typer.echo(
        f"Sáng kiến demo / demo initiatives: {recognition.initiatives} sáng kiến / initiatives, "
        f"{recognition.rounds} đợt xét / rounds, {recognition.awards} giải / awards."
    )
    typer.echo(
        f"Khảo sát demo / demo surveys: {surveys.surveys} khảo sát / surveys, "
        f"{surveys.responses} phiếu của cán bộ / collected by staff, "
        f"{surveys.public_responses} phiếu của người dân / from citizens."
    )
    typer.echo(f"Tri thức demo / demo articles: {seeded.knowledge.articles} bài / articles.")
    typer.echo(f"Dự án CĐS demo / demo DX projects: {seeded.projects.projects}.")
    support = seeded.support
    typer.echo(
        f"Hỗ trợ chuyên gia demo / demo expert support: {support.offers} gói / offers, "
        f"{support.requests} yêu cầu / requests, {support.engagements} đợt / engagements."
    )
    typer.echo(f"Demo logins (password: {DEMO_PASSWORD}):")
    for login in logins:
        typer.echo(
            f"  {login.username:<18} {login.role.value:<17} {login.scope}  ({login.display_name})"
        )
    if partner_key:
        typer.echo(f"Demo partner API key (read:network), shown once: {partner_key}")


app.command("create-user")(cli_accounts.create_user)
app.command("create-api-key")(cli_accounts.create_api_key)


@app.command("export-schema")
def export_schema(
    output: Annotated[
        Path | None, typer.Option(help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the GraphQL schema (SDL)."""
    from schema import schema

    sdl = schema.as_str() + "\n"
    if output is None:
        sys.stdout.write(sdl)
    else:
        output.write_text(sdl, encoding="utf-8")


@app.command()
def backup(path: Path) -> None:
    """Copy the SQLite database to PATH while DXNet runs (online backup)."""
    settings = read_settings()
    if not settings.is_sqlite:
        fail(
            'For PostgreSQL use pg_dump, e.g.: pg_dump --format=custom --file=dxnet.dump "$DXNET_DATABASE_URL"'
        )
    source_path = settings.database_url.removeprefix("sqlite://").split("?")[0]
    if not Path(source_path).exists():
        fail(f"No database at {source_path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_path) as source, sqlite3.connect(path) as target:
        source.backup(target)
    typer.echo(f"Backed up {source_path} to {path}")


app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")


def main() -> None:
    """The ``dxnet`` entry point."""
    app()
