"""SQLite's stored moments rewritten in UTC, so that text order is time order (decision 0043).

SQLite keeps a datetime as text and compares text. Until ``api.db.sqlite_datetime``
became the adapter, a moment written with an offset kept it: an event sent by a phone as
``09:00+07:00`` (02:00 UTC) was stored as ``... 09:00:00+07:00`` and sorted, and was
filtered, as if it were 09:00 UTC. This rewrites every such value of every ``TIMESTAMP``
column in UTC. PostgreSQL stores ``timestamptz`` and needs nothing.
"""

from datetime import UTC, datetime
from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

SUFFIX = "+00:00"


async def rewrite_in_utc(client: Any) -> int:
    """Rewrite the moments of every ``TIMESTAMP`` column stored with an offset other than
    UTC's; naive ones, and text that is not a moment, are left as they are. Returns how
    many values changed."""
    changed = 0
    _, tables = await client.execute_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    for (table,) in [tuple(t) for t in tables]:
        _, columns = await client.execute_query(f'PRAGMA table_info("{table}")')
        for column in [c["name"] for c in columns if str(c["type"]).upper() == "TIMESTAMP"]:
            _, rows = await client.execute_query(
                f'SELECT rowid, "{column}" FROM "{table}" '  # noqa: S608
                f'WHERE "{column}" IS NOT NULL AND "{column}" NOT LIKE ?',
                [f"%{SUFFIX}"],
            )
            updates = []
            for rowid, text in [tuple(r) for r in rows]:
                try:
                    moment = datetime.fromisoformat(str(text))
                except ValueError:  # not a moment: left for whoever wrote it to read
                    continue
                if moment.tzinfo is not None and moment.utcoffset():
                    updates.append((moment.astimezone(UTC).isoformat(" "), rowid))
            for value, rowid in updates:
                await client.execute_query(
                    f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?',  # noqa: S608
                    [value, rowid],
                )
            changed += len(updates)
    return changed


async def _forward(apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    if client.capabilities.dialect == "sqlite":
        await rewrite_in_utc(client)


async def _backward(apps: Any, schema_editor: Any) -> None:
    """Nothing to undo: the same moments, written in UTC."""


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0023_member_facets")]

    initial = False

    operations = [ops.RunPython(_forward, _backward)]
