"""Throw-away PostgreSQL databases for the benchmarks (``--postgres URL``)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from tortoise import Tortoise

from api.db import migrate, tortoise_config
from api.settings import SQLITE_PRAGMAS


async def create_postgres_database(admin_url: str) -> str:
    """A new empty database beside ``admin_url``'s; returns its URL."""
    admin = await asyncpg.connect(admin_url)
    name = f"dxnet_bench_{uuid.uuid4().hex[:10]}"
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return f"{admin_url.rpartition('/')[0]}/{name}"


async def drop_postgres_database(admin_url: str, url: str) -> None:
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{url.rpartition("/")[2]}" WITH (FORCE)')
    finally:
        await admin.close()


@asynccontextmanager
async def throwaway_database(tmp: Path, postgres: str | None = None) -> AsyncIterator[str]:
    """The URL of an empty database, removed after: with ``postgres`` (an admin URL) a new
    PostgreSQL database beside it, otherwise a SQLite file in ``tmp``."""
    url = (
        await create_postgres_database(postgres)
        if postgres
        else f"sqlite://{tmp / 'bench.sqlite3'}?{SQLITE_PRAGMAS}"
    )
    try:
        yield url
    finally:
        if postgres:
            await drop_postgres_database(postgres, url)


@asynccontextmanager
async def bench_database(tmp: Path, postgres: str | None = None) -> AsyncIterator[str]:
    """A :func:`throwaway_database`, migrated, with Tortoise open on it; yields its URL."""
    async with throwaway_database(tmp, postgres) as url:
        await migrate(url)
        await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
        try:
            yield url
        finally:
            await Tortoise.close_connections()
