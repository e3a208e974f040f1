"""Shared fixtures: a real database (SQLite by default, PostgreSQL with
DXNET_TEST_DATABASE=postgres), migrated once per run and emptied after every test."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from argon2 import PasswordHasher
from tortoise import Tortoise
from tortoise.connection import get_connection
from tortoise.exceptions import OperationalError

from accounts import passwords
from api.app import create_app
from api.db import migrate, tortoise_config
from api.settings import Settings
from bench.network import QueryLog, counting_queries
from core.actor import Actor
from network.models import AdminUnit
from network.seed import seed_province
from tests.network.registry_data import Registry, build_registry

BACKEND = os.environ.get("DXNET_TEST_DATABASE", "sqlite")
POSTGRES_URL = os.environ.get(
    "DXNET_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
PROVINCE = 96


async def _postgres_database() -> str:
    """Create a fresh database for this run; skip (or fail in CI) when PostgreSQL is down."""
    try:
        admin = await asyncpg.connect(POSTGRES_URL, timeout=5)
    except (OSError, asyncpg.PostgresError) as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {POSTGRES_URL} is unreachable in CI: {error}")
        pytest.skip(f"PostgreSQL at {POSTGRES_URL} is unreachable: {error}")
    name = f"dxnet_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    base, _, _ = POSTGRES_URL.rpartition("/")
    return f"{base}/{name}"


async def _drop_postgres_database(url: str) -> None:
    name = url.rpartition("/")[2]
    admin = await asyncpg.connect(POSTGRES_URL, timeout=5)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture(scope="session")
async def database_url(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    if BACKEND == "postgres":
        url = await _postgres_database()
        yield url
        await _drop_postgres_database(url)
    else:
        path = tmp_path_factory.mktemp("db") / "dxnet.sqlite3"
        yield f"sqlite://{path}?journal_mode=WAL&busy_timeout=5000&synchronous=FULL&foreign_keys=ON"


@pytest.fixture(scope="session")
async def orm(database_url: str) -> AsyncIterator[str]:
    """Apply the committed migrations (so tests prove them), then start the ORM once."""
    await migrate(database_url)
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
    try:
        yield database_url
    finally:
        await Tortoise.close_connections()


async def _empty_tables() -> None:
    """Empty every table the last test wrote to, cheaply: a TRUNCATE of all 60-odd
    tables costs PostgreSQL 0.2 s on a quiet machine and seconds on a busy one, and
    SQLite pays one fsync per DELETE outside a transaction."""
    connection = get_connection("default")
    tables = [model._meta.db_table for model in Tortoise.apps.get_models_iterable()]
    if BACKEND == "postgres":
        await _empty_postgres_tables(connection, tables)
    else:
        statements = "".join(f'DELETE FROM "{t}";' for t in tables)
        await connection.execute_script(
            f"PRAGMA foreign_keys=OFF;BEGIN;{statements}COMMIT;PRAGMA foreign_keys=ON;"
        )


async def _empty_postgres_tables(connection: Any, tables: list[str]) -> None:
    """DELETE from the tables holding rows and restart the id sequences that were used,
    with foreign keys and triggers off for the transaction (``session_replication_role``,
    a superuser's setting: otherwise TRUNCATE everything, as before)."""
    holding = " UNION ALL ".join(
        f"SELECT '{t}' AS name WHERE EXISTS (SELECT 1 FROM \"{t}\")" for t in tables
    )
    used = "SELECT sequencename AS name FROM pg_sequences WHERE last_value IS NOT NULL"
    names = {
        str(row["name"])
        for row in await connection.execute_query_dict(f"{holding} UNION ALL {used}")
    }
    dirty = [t for t in tables if t in names]
    sequences = [f"{t}_id_seq" for t in tables if f"{t}_id_seq" in names]
    if not dirty and not sequences:
        return
    deletes = "".join(f'DELETE FROM "{t}";' for t in dirty)
    restarts = "".join(f'ALTER SEQUENCE "{s}" RESTART;' for s in sequences)
    try:
        await connection.execute_script(
            f"BEGIN;SET LOCAL session_replication_role = replica;{deletes}{restarts}COMMIT;"
        )
    except OperationalError:  # not a superuser: the setting is refused
        await connection.execute_script("ROLLBACK")
        joined = ", ".join(f'"{t}"' for t in tables)
        await connection.execute_script(f"TRUNCATE {joined} RESTART IDENTITY CASCADE")


@pytest.fixture
async def db(orm: str) -> AsyncIterator[str]:
    """An empty, migrated database; emptied again after the test."""
    await _empty_tables()
    try:
        yield orm
    finally:
        await _empty_tables()


@pytest.fixture
async def tree(db: str) -> AdminUnit:
    """The real Cà Mau tree (province 96, 64 communes and wards)."""
    await seed_province(PROVINCE)
    return await AdminUnit.get(code=str(PROVINCE))


@pytest.fixture
def system(tree: AdminUnit) -> Actor:
    return Actor.system(tree.path, tree.code)


@pytest.fixture
async def registry(system: Actor) -> Registry:
    """The small registry of tests/network/registry_data.py."""
    return await build_registry(system)


@pytest.fixture
def settings(tmp_path: Path, orm: str) -> Settings:
    return Settings(
        database_url=orm,
        env="test",
        secret_key="test-secret-key-" + "x" * 32,
        var_dir=tmp_path,
        pwa_dist=tmp_path / "no-pwa",
    )


@pytest.fixture
async def client(settings: Settings, db: str) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture(autouse=True)
def no_login_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the lockout policy but drop the slow-down sleeps, so tests stay fast."""
    from accounts import services

    monkeypatch.setattr(services, "THROTTLE", replace(services.THROTTLE, delay_base_seconds=0.0))


# Argon2id with the library's defaults (64 MiB, 3 passes) costs 0.1 s per hash or check
# on a quiet machine and over a second on a busy one, and the tests create and sign in
# thousands of users: they hash with the smallest costs instead. The algorithm and code
# path stay the same; tests/accounts/test_passwords.py checks the production parameters.
PRODUCTION_HASHER = passwords._hasher
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", CHEAP_HASHER)
        patch.setattr(passwords, "_DUMMY_HASH", CHEAP_HASHER.hash("dxnet-dummy-password"))
        yield


@pytest.fixture
def count_queries() -> Iterator[QueryLog]:
    """Record every SQL statement Tortoise sends (it logs each one at DEBUG)."""
    with counting_queries() as log:
        yield log


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that use the database are marked ``db`` so `make test` reruns them on PostgreSQL."""
    for item in items:
        if "db" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)
