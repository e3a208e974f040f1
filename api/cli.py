"""The ``dxnet`` command line."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer
from tortoise import Tortoise
from tortoise.transactions import in_transaction

from api.db import migrate as run_migrations
from api.db import tortoise_config
from api.settings import Settings, SettingsError, load_settings
from core.actor import Actor
from core.errors import DomainError, ValidationFailed
from network.models import AdminUnit

T = TypeVar("T")
app = typer.Typer(help="DXNet: the Digital Transformation Network service.", no_args_is_help=True)


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        typer.secho(f"Configuration error: {error}", fg="red", err=True)
        raise typer.Exit(2) from None


def _fail(message: str) -> None:
    typer.secho(message, fg="red", err=True)
    raise typer.Exit(1)


def _fail_with(error: DomainError) -> NoReturn:
    """Print each field error of a refused command (in English: operators' terminals)."""
    from i18n import translate

    errors = error.errors if isinstance(error, ValidationFailed) else [error]
    for e in errors:
        message = translate(f"error.{e.code}", "en", **e.params)
        typer.secho(f"{e.field}: {message}" if e.field else message, fg="red", err=True)
    raise typer.Exit(1)


def _run_with_db(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    async def runner() -> T:
        await Tortoise.init(config=tortoise_config(settings.database_url))
        try:
            return await work()
        finally:
            await Tortoise.close_connections()

    return asyncio.run(runner())


async def _system_actor() -> tuple[Actor, AdminUnit]:
    from network import admin_units

    root = await admin_units.get_root()
    return Actor.system(root.path, root.code), root


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Serve DXNet with uvicorn."""
    import uvicorn

    settings = _settings()
    if workers > 1 and settings.is_sqlite:
        _fail("SQLite allows one writer: use --workers 1, or PostgreSQL for several workers.")
    uvicorn.run(
        "api.app:app_from_environment",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        proxy_headers=True,
        access_log=False,
        log_config=None,
    )


@app.command()
def migrate() -> None:
    """Apply pending database migrations."""
    settings = _settings()
    if settings.is_sqlite:
        settings.var_dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(run_migrations(settings.database_url))
    typer.echo("Migrations applied.")


@app.command()
def seed(demo: Annotated[bool, typer.Option(help="Also add demo data.")] = False) -> None:
    """Load the administrative tree of DXNET_PROVINCE_CODE and the national platform
    catalogue (and a demo Network with sign-in accounts with --demo)."""
    from network.seed import seed_platforms, seed_province

    settings = _settings()
    if demo and settings.env == "production":
        _fail("Demo data is refused when DXNET_ENV=production.")

    async def work() -> None:
        async with in_transaction():
            report = await seed_province(settings.province_code)
            platforms = await seed_platforms()
        typer.echo(f"{report.province}: {report.created} units created, {report.updated} updated.")
        typer.echo(f"National platforms: {platforms} created.")
        if demo:
            await _seed_demo()

    try:
        _run_with_db(settings, work)
    except ValueError as error:
        _fail(str(error))


async def _seed_demo() -> None:
    """Every domain's demo data, in one transaction, in dependency order."""
    from demo import DEMO_PASSWORD, seed_demo

    actor, root = await _system_actor()
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
    typer.echo(f"Demo logins (password: {DEMO_PASSWORD}):")
    for login in logins:
        typer.echo(
            f"  {login.username:<18} {login.role.value:<17} {login.scope}  ({login.display_name})"
        )
    if partner_key:
        typer.echo(f"Demo partner API key (read:network), shown once: {partner_key}")


@app.command("create-user")
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

    settings = _settings()

    async def work() -> str:
        actor, _root = await _system_actor()
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
        name = _run_with_db(settings, work)
    except DomainError as error:
        _fail_with(error)
    typer.echo(f"User {name} created.")


@app.command("create-api-key")
def create_api_key(
    name: Annotated[str, typer.Option()],
    scopes: Annotated[
        str,
        typer.Option(
            help="Comma-separated: read:network,read:surveys,read:recognition,read:activities,read:pii"
        ),
    ],
    admin_unit: Annotated[
        str | None, typer.Option(help="Subtree the key may read (default: the province).")
    ] = None,
) -> None:
    """Create a partner API key and print it once."""
    from accounts import services as accounts

    settings = _settings()

    async def work() -> str:
        actor, _root = await _system_actor()
        async with in_transaction():
            _key, raw = await accounts.create_api_key(
                actor,
                name=name,
                scopes=[s.strip() for s in scopes.split(",") if s.strip()],
                admin_unit_code=admin_unit,
            )
        return raw

    try:
        raw = _run_with_db(settings, work)
    except DomainError as error:
        _fail_with(error)
    typer.echo("API key (shown once; store it now):")
    typer.echo(raw)


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
    settings = _settings()
    if not settings.is_sqlite:
        _fail(
            'For PostgreSQL use pg_dump, e.g.: pg_dump --format=custom --file=dxnet.dump "$DXNET_DATABASE_URL"'
        )
    source_path = settings.database_url.removeprefix("sqlite://").split("?")[0]
    if not Path(source_path).exists():
        _fail(f"No database at {source_path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source_path) as source, sqlite3.connect(path) as target:
        source.backup(target)
    typer.echo(f"Backed up {source_path} to {path}")


import_app = typer.Typer(
    help="Import the registry from CSV or Excel (templates in docs/templates/).",
    no_args_is_help=True,
)
export_app = typer.Typer(help="Export the registry to CSV or Excel.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")

DryRun = Annotated[bool, typer.Option("--dry-run", help="Check every row; write nothing.")]
ValidOnly = Annotated[
    bool, typer.Option("--valid-only", help="Import the valid rows even if others have errors.")
]
MessageLang = Annotated[str, typer.Option("--lang", help="Language of messages: vi or en.")]
ImportFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]
ExportFormat = Annotated[str, typer.Option("--format", help="csv or xlsx.")]
ExportOutput = Annotated[Path, typer.Option("--output", dir_okay=False, help="File to write.")]
ExportUnit = Annotated[
    str | None, typer.Option("--admin-unit", help="Only this unit's subtree, e.g. 32002.")
]


@import_app.command("members")
def import_members(
    file: ImportFile,
    dry_run: DryRun = False,
    valid_only: ValidOnly = False,
    lang: MessageLang = "vi",
) -> None:
    """Import members (template: docs/templates/members.csv)."""
    from api.cli_sheets import run_import

    run_import("members", file, dry_run, valid_only, lang)


@import_app.command("organizations")
def import_organizations(
    file: ImportFile,
    dry_run: DryRun = False,
    valid_only: ValidOnly = False,
    lang: MessageLang = "vi",
) -> None:
    """Import organisations (template: docs/templates/organizations.csv)."""
    from api.cli_sheets import run_import

    run_import("organizations", file, dry_run, valid_only, lang)


@import_app.command("admin-units")
def import_admin_units(
    file: ImportFile,
    dry_run: DryRun = False,
    valid_only: ValidOnly = False,
    lang: MessageLang = "vi",
) -> None:
    """Import hamlets and residential groups below communes (docs/templates/admin_units.csv)."""
    from api.cli_sheets import run_import

    run_import("admin_units", file, dry_run, valid_only, lang)


@export_app.command("members")
def export_members(
    output: ExportOutput,
    fmt: ExportFormat = "xlsx",
    admin_unit: ExportUnit = None,
    lang: MessageLang = "vi",
) -> None:
    """Export active members, personal data included (recorded in the audit trail)."""
    from api.cli_sheets import run_export

    run_export("members", fmt, output, admin_unit, lang)


@export_app.command("organizations")
def export_organizations(
    output: ExportOutput,
    fmt: ExportFormat = "xlsx",
    admin_unit: ExportUnit = None,
    lang: MessageLang = "vi",
) -> None:
    """Export active organisations."""
    from api.cli_sheets import run_export

    run_export("organizations", fmt, output, admin_unit, lang)


@export_app.command("survey-responses")
def export_survey_responses(
    survey: Annotated[int, typer.Option("--survey", help="The survey's number.")],
    output: ExportOutput,
    fmt: ExportFormat = "xlsx",
    admin_unit: ExportUnit = None,
) -> None:
    """Export every response of a survey: one row per response, one column per question."""
    from network import admin_units
    from surveys import exports as survey_exports

    if fmt not in survey_exports.FORMATS:
        raise typer.BadParameter("csv, xlsx", param_hint="--format")
    settings = _settings()

    async def work() -> bytes:
        actor, _root = await _system_actor()
        within = await admin_units.get_in_scope(actor, code=admin_unit) if admin_unit else None
        return await survey_exports.export_responses(
            actor, survey_id=survey, fmt="xlsx" if fmt == "xlsx" else "csv", within=within
        )

    try:
        content = _run_with_db(settings, work)
    except DomainError as error:
        _fail_with(error)
    output.write_bytes(content)
    typer.echo(f"Written / đã ghi: {output}")


def main() -> None:
    app()
