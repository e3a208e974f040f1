"""On PostgreSQL, the survey tables' unit paths compare byte by byte (COLLATE "C").

A unit path is ASCII (codes and slashes), so "C" orders it as any collation would
order it sensibly; what it changes is that PostgreSQL turns ``unit_path LIKE 'prefix%'``
into a range on the indexes that hold the column only under "C" (not under the
``C.UTF-8`` or ``en_US.UTF-8`` a database is usually created with), so one commune's
results read that commune's rows instead of the whole survey's. SQLite compares with
its binary collation already (surveys/results.py ``within``). See decision 0011.
"""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

TABLES = ("survey_response", "survey_answer", "survey_answer_count")


def _collate(collation: str) -> Any:
    async def run(apps: Any, schema_editor: Any) -> None:
        client = schema_editor.client
        if client.capabilities.dialect != "postgres":
            return
        for table in TABLES:
            # rewrites the column's indexes too; nothing else reads the column through SQL
            await client.execute_script(
                f'ALTER TABLE "{table}" ALTER COLUMN "unit_path" TYPE VARCHAR(512) COLLATE {collation}'
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0007_survey_answer_counts")]

    initial = False

    operations = [ops.RunPython(_collate('"C"'), _collate('"default"'))]
