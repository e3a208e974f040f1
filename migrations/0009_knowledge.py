"""The knowledge base: articles, versions, passages, synonyms, asked questions; and the
full-text index of passages in the database's own engine (see knowledge/search.py).

SQLite: an FTS5 external-content table over ``knowledge_passage(title, body)`` (both
folded already, so đ/d and tones do not matter), kept in step by triggers, with prefix
indexes for search-as-you-type. PostgreSQL: a generated ``tsvector`` column (title weight
A, body weight B, the 'simple' configuration over folded text) with a GIN index.
"""

from typing import Any

from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise.migrations import operations as ops

from knowledge.models import ArticleKind, ArticleStatus, Audience

FTS_SQLITE = (
    "CREATE VIRTUAL TABLE knowledge_passage_fts USING fts5(title, body, "
    "content='knowledge_passage', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
    "CREATE TRIGGER knowledge_passage_ai AFTER INSERT ON knowledge_passage BEGIN "
    "INSERT INTO knowledge_passage_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER knowledge_passage_ad AFTER DELETE ON knowledge_passage BEGIN "
    "INSERT INTO knowledge_passage_fts(knowledge_passage_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER knowledge_passage_au AFTER UPDATE ON knowledge_passage BEGIN "
    "INSERT INTO knowledge_passage_fts(knowledge_passage_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO knowledge_passage_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
)
FTS_POSTGRES = (
    "ALTER TABLE knowledge_passage ADD COLUMN search tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')) "
    "STORED",
    "CREATE INDEX knowledge_passage_search ON knowledge_passage USING GIN (search)",
)
UNDO_SQLITE = (
    "DROP TRIGGER IF EXISTS knowledge_passage_ai",
    "DROP TRIGGER IF EXISTS knowledge_passage_ad",
    "DROP TRIGGER IF EXISTS knowledge_passage_au",
    "DROP TABLE IF EXISTS knowledge_passage_fts",
)
UNDO_POSTGRES = (
    "DROP INDEX IF EXISTS knowledge_passage_search",
    "ALTER TABLE knowledge_passage DROP COLUMN IF EXISTS search",
)

# Abbreviations and their expansions, folded (editable afterwards: knowledge_synonym).
SYNONYMS = (
    ("dvc", "dich vu cong"),
    ("cds", "chuyen doi so"),
    ("vneid", "dinh danh dien tu"),
    ("tthc", "thu tuc hanh chinh"),
    ("cccd", "can cuoc cong dan"),
    ("cccd", "can cuoc"),
    ("bhyt", "bao hiem y te"),
    ("bhxh", "bao hiem xa hoi"),
    ("ubnd", "uy ban nhan dan"),
    ("tcn", "to cong nghe"),
    ("tcncd", "to cong nghe so cong dong"),
    ("qr", "ma qr"),
    ("otp", "ma xac thuc"),
    ("bdhvs", "binh dan hoc vu so"),
    ("dldn", "du lieu ca nhan"),
    ("nd13", "nghi dinh 13"),
    ("lua dao", "gia mao"),
    ("muc 2", "level 2"),
    ("khong dung tien mat", "thanh toan so"),
)


def _fts(sqlite: tuple[str, ...], postgres: tuple[str, ...], seed: bool) -> Any:
    async def run(apps: Any, schema_editor: Any) -> None:
        client = schema_editor.client
        dialect = client.capabilities.dialect
        for statement in postgres if dialect == "postgres" else sqlite:
            await client.execute_script(statement)
        if seed:
            for term, expansion in SYNONYMS:
                await client.execute_query(
                    "INSERT INTO knowledge_synonym (term, expansion) VALUES ($1, $2)"
                    if dialect == "postgres"
                    else "INSERT INTO knowledge_synonym (term, expansion) VALUES (?, ?)",
                    [term, expansion],
                )

    return run


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0008_survey_unit_path_c_collation")]

    initial = False

    operations = [
        ops.CreateModel(
            name="Article",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("slug", fields.CharField(unique=True, max_length=120)),
                ("title", fields.CharField(max_length=255)),
                ("summary", fields.TextField(default="", unique=False)),
                (
                    "body",
                    fields.TextField(
                        default="", description="Markdown, stored as text.", unique=False
                    ),
                ),
                ("language", fields.CharField(default="vi", max_length=2)),
                (
                    "kind",
                    fields.CharEnumField(
                        default=ArticleKind.ARTICLE,
                        description="ARTICLE: ARTICLE\nFAQ: FAQ",
                        enum_type=ArticleKind,
                        max_length=16,
                    ),
                ),
                ("category", fields.CharField(default="", db_index=True, max_length=64)),
                ("tags", fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                (
                    "tags_text",
                    fields.CharField(
                        default="", description="'|tag|tag|', folded.", max_length=1024
                    ),
                ),
                (
                    "audience",
                    fields.CharEnumField(
                        default=Audience.PUBLIC,
                        description="PUBLIC: PUBLIC\nSTAFF: STAFF\nUNIT: UNIT",
                        enum_type=Audience,
                        max_length=16,
                    ),
                ),
                (
                    "audience_path",
                    fields.CharField(
                        default="",
                        description="The unit whose subtree reads a UNIT article.",
                        max_length=512,
                    ),
                ),
                (
                    "owner_path",
                    fields.CharField(
                        db_index=True,
                        description="The area of the editors who maintain it.",
                        max_length=512,
                    ),
                ),
                (
                    "status",
                    fields.CharEnumField(
                        default=ArticleStatus.DRAFT,
                        description="DRAFT: DRAFT\nIN_REVIEW: IN_REVIEW\nPUBLISHED: PUBLISHED\nARCHIVED: ARCHIVED",
                        enum_type=ArticleStatus,
                        max_length=16,
                    ),
                ),
                ("version", fields.IntField(default=1)),
                ("view_count", fields.IntField(default=0)),
                ("helpful_yes", fields.IntField(default=0)),
                ("helpful_no", fields.IntField(default=0)),
                ("created_by_id", fields.IntField(null=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                (
                    "published_at",
                    fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
                ),
            ],
            options={
                "table": "knowledge_article",
                "app": "dxnet",
                "pk_attr": "id",
                "table_description": "The current state of an article, each change also kept as an ArticleVersion.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="ArticleVersion",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "article",
                    fields.ForeignKeyField(
                        "dxnet.Article",
                        source_field="article_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="versions",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("version", fields.IntField()),
                ("title", fields.CharField(max_length=255)),
                ("summary", fields.TextField(default="", unique=False)),
                ("body", fields.TextField(default="", unique=False)),
                (
                    "status",
                    fields.CharEnumField(
                        description="DRAFT: DRAFT\nIN_REVIEW: IN_REVIEW\nPUBLISHED: PUBLISHED\nARCHIVED: ARCHIVED",
                        enum_type=ArticleStatus,
                        max_length=16,
                    ),
                ),
                ("created_by_id", fields.IntField(null=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={
                "table": "knowledge_article_version",
                "app": "dxnet",
                "unique_together": (("article", "version"),),
                "pk_attr": "id",
                "table_description": "Every saved state of an article, numbered from 1, never changed afterwards.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="AskedQuestion",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("question", fields.CharField(max_length=500)),
                ("folded", fields.CharField(unique=True, max_length=500)),
                ("answered", fields.BooleanField(default=False, db_index=True)),
                ("times", fields.IntField(default=1)),
                ("last_asked_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                "table": "knowledge_question",
                "app": "dxnet",
                "pk_attr": "id",
                "table_description": "A question put to the assistant: its text only (no asker, no conversation), and",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="KnowledgePassage",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                (
                    "article",
                    fields.ForeignKeyField(
                        "dxnet.Article",
                        source_field="article_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="passages",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("position", fields.IntField()),
                (
                    "text",
                    fields.TextField(
                        description="The passage as written (shown and cited).", unique=False
                    ),
                ),
                (
                    "title",
                    fields.TextField(
                        description="The article title, folded (indexed).", unique=False
                    ),
                ),
                (
                    "body",
                    fields.TextField(description="The passage, folded (indexed).", unique=False),
                ),
                (
                    "audience",
                    fields.CharEnumField(
                        description="PUBLIC: PUBLIC\nSTAFF: STAFF\nUNIT: UNIT",
                        enum_type=Audience,
                        max_length=16,
                    ),
                ),
                ("audience_path", fields.CharField(default="", max_length=512)),
                ("category", fields.CharField(default="", max_length=64)),
            ],
            options={
                "table": "knowledge_passage",
                "app": "dxnet",
                "pk_attr": "id",
                "table_description": "A few sentences of a published article, folded for the full-text index.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="Synonym",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("term", fields.CharField(max_length=128)),
                ("expansion", fields.CharField(max_length=255)),
            ],
            options={
                "table": "knowledge_synonym",
                "app": "dxnet",
                "unique_together": (("term", "expansion"),),
                "pk_attr": "id",
                "table_description": "Two spellings of one thing (an abbreviation and its expansion), folded, both ways.",
            },
            bases=["Model"],
        ),
        ops.RunPython(
            _fts(FTS_SQLITE, FTS_POSTGRES, True), _fts(UNDO_SQLITE, UNDO_POSTGRES, False)
        ),
    ]
