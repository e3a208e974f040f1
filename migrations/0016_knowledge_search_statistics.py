"""On PostgreSQL, the passages' GIN index is written through at once (``fastupdate =
off``) instead of gathering new entries in a pending list that every search then reads
row by row until a vacuum merges it: right after publishing (or the benchmark's bulk
copy) the list held 5,000 passages and the all-but-one search stage took 70 ms instead
of 3 ms. Publishing writes a few passages, so the slower insert is not felt. The list
already gathered is merged now.

On SQLite, ``knowledge_passage_vocab`` (an ``fts5vocab`` table: a view of the FTS5
index, nothing stored) says how many passages hold a word, so the any-word search stage
matches only the query's rarest words (knowledge/search.py ``rarest``). PostgreSQL
reads the same from its column statistics. See decision 0028.
"""

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

VOCAB = "CREATE VIRTUAL TABLE knowledge_passage_vocab USING fts5vocab(knowledge_passage_fts, 'row')"


def _forward_or_back(value: str) -> Any:
    async def run(apps: Any, schema_editor: Any) -> None:
        client = schema_editor.client
        if client.capabilities.dialect != "postgres":
            await client.execute_script(
                VOCAB if value == "off" else "DROP TABLE IF EXISTS knowledge_passage_vocab"
            )
            return
        await client.execute_script(
            f"ALTER INDEX knowledge_passage_search SET (fastupdate = {value})"
        )
        if value == "off":
            await client.execute_script("SELECT gin_clean_pending_list('knowledge_passage_search')")

    return run


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0015_support")]

    initial = False

    operations = [ops.RunPython(_forward_or_back("off"), _forward_or_back("on"))]
