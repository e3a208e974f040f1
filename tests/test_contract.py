"""What partners and operators rely on: the committed schema and migrations are current,
and every error code speaks both languages."""

from __future__ import annotations

from pathlib import Path

from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector

from api.db import tortoise_config
from i18n import catalogue
from schema import schema
from schema.core.errors import ErrorCode

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schema_graphql_is_current() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.as_str() + "\n", (
        "schema.graphql is stale: run `make schema` (dxnet export-schema --output schema.graphql)"
    )


async def test_committed_migrations_match_the_models(orm: str) -> None:
    apps_config = tortoise_config(orm)["apps"]
    writers = await MigrationAutodetector(Tortoise.apps, apps_config).changes()
    assert writers == [], (
        "models changed without a migration: run "
        "`.venv/bin/tortoise -c api.db.TORTOISE_ORM makemigrations`"
    )


def test_every_error_code_has_a_message_in_both_languages() -> None:
    keys = {f"error.{code.value}" for code in ErrorCode} | {"error.INTERNAL"}
    for lang in ("vi", "en"):
        missing = keys - set(catalogue(lang))
        assert not missing, f"{lang} catalogue lacks {sorted(missing)}"


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    import string

    vi, en = catalogue("vi"), catalogue("en")
    assert set(vi) == set(en)
    for key in vi:
        fields_vi = {f for _, f, _, _ in string.Formatter().parse(vi[key]) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en[key]) if f}
        assert fields_vi == fields_en, key
