"""Throw-away PostgreSQL databases for the benchmarks (``--postgres URL``)."""

from __future__ import annotations

import uuid

import asyncpg


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
