"""The registry's filtered member lists without scanning the members (decision 0041).

At 500,000 members a page of ``members(organizationKind: ...)`` or
``members(minItQualification: ...)`` spent 80-170 ms counting ``totalCount`` over every
member, and a page filtered by platform or by a rare organisation kind walked every
member or every adoption to find 25 rows: no index led from a platform to its adopters
or from an organisation to its members.

- ``network_member_facet_tally``: members per (unit path, status, their organisation's
  kind, IT qualification), kept by triggers in the writing transaction like the tallies
  of 0020 and 0021. A member's insert, delete or change of path, status, organisation or
  qualification adjusts it; an organisation whose kind changes moves its members. A
  removal only decrements an existing row (never inserts): tests empty tables in any
  order.
- An index on ``network_member.organization_id`` and one on
  ``network_platform_adoption (platform_id, member_id)``, so a selective filter can start
  from the few rows that match.
"""

from typing import Any

from tortoise import fields, migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from network.models import MemberStatus, OrganizationKind

TABLE = "network_member_facet_tally"
KEYS = ("unit_path", "status", "organization_kind", "it_qualification")
WATCHED = ("unit_path", "status", "organization_id", "it_qualification")


def _kind(row: str) -> str:
    return f"(SELECT o.kind FROM network_organization o WHERE o.id = {row}.organization_id)"


def _values(row: str) -> tuple[str, ...]:
    return (f"{row}.unit_path", f"{row}.status", _kind(row), f"{row}.it_qualification")


def _add(row: str) -> str:
    return (
        f"INSERT INTO {TABLE} ({', '.join(KEYS)}, n) VALUES ({', '.join(_values(row))}, 1) "
        f"ON CONFLICT ({', '.join(KEYS)}) DO UPDATE SET n = {TABLE}.n + 1"
    )


def _remove(row: str) -> str:
    match = " AND ".join(f"{k} = {v}" for k, v in zip(KEYS, _values(row), strict=True))
    return f"UPDATE {TABLE} SET n = n - 1 WHERE {match}"  # noqa: S608


# An organisation's members leave its old kind and join its new one.
_MEMBERS_LEAVE = (
    f"UPDATE {TABLE} SET n = n - (SELECT COUNT(*) FROM network_member m "  # noqa: S608
    f"WHERE m.organization_id = OLD.id AND m.unit_path = {TABLE}.unit_path "
    f"AND m.status = {TABLE}.status AND m.it_qualification = {TABLE}.it_qualification) "
    "WHERE organization_kind = OLD.kind"
)
_MEMBERS_JOIN = (
    f"INSERT INTO {TABLE} ({', '.join(KEYS)}, n) "  # noqa: S608
    "SELECT m.unit_path, m.status, NEW.kind, m.it_qualification, COUNT(*) "
    "FROM network_member m WHERE m.organization_id = NEW.id "
    "GROUP BY m.unit_path, m.status, m.it_qualification "
    f"ON CONFLICT ({', '.join(KEYS)}) DO UPDATE SET n = {TABLE}.n + excluded.n"
)


def _changed(columns: tuple[str, ...], postgres: bool) -> str:
    same = "IS DISTINCT FROM" if postgres else "IS NOT"
    return " OR ".join(f"OLD.{c} {same} NEW.{c}" for c in columns)


SQLITE = [
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON network_member BEGIN {_add('NEW')}; END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON network_member BEGIN {_remove('OLD')}; END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF {', '.join(WATCHED)} ON network_member "
    f"WHEN {_changed(WATCHED, False)} BEGIN {_remove('OLD')}; {_add('NEW')}; END",
    f"CREATE TRIGGER {TABLE}_kind AFTER UPDATE OF kind ON network_organization "
    f"WHEN OLD.kind IS NOT NEW.kind BEGIN {_MEMBERS_LEAVE}; {_MEMBERS_JOIN}; END",
]
SQLITE_DOWN = [
    f"DROP TRIGGER IF EXISTS {TABLE}_{what}" for what in ("insert", "delete", "update", "kind")
]

POSTGRES = [
    f"""CREATE FUNCTION {TABLE}_keep() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN {_remove("OLD")}; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN {_add("NEW")}; END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
    f"CREATE TRIGGER {TABLE}_keep_write AFTER INSERT OR DELETE ON network_member "
    f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_keep()",
    f"CREATE TRIGGER {TABLE}_keep_update AFTER UPDATE OF {', '.join(WATCHED)} "
    f"ON network_member FOR EACH ROW WHEN ({_changed(WATCHED, True)}) "
    f"EXECUTE FUNCTION {TABLE}_keep()",
    f"""CREATE FUNCTION {TABLE}_kind() RETURNS trigger AS $$
BEGIN
  {_MEMBERS_LEAVE};
  {_MEMBERS_JOIN};
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
    f"CREATE TRIGGER {TABLE}_kind AFTER UPDATE OF kind ON network_organization "
    f"FOR EACH ROW WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION {TABLE}_kind()",
]
POSTGRES_DOWN = [
    f"DROP TRIGGER IF EXISTS {TABLE}_keep_write ON network_member",
    f"DROP TRIGGER IF EXISTS {TABLE}_keep_update ON network_member",
    f"DROP TRIGGER IF EXISTS {TABLE}_kind ON network_organization",
    f"DROP FUNCTION IF EXISTS {TABLE}_keep()",
    f"DROP FUNCTION IF EXISTS {TABLE}_kind()",
]
BACKFILL = (
    f"INSERT INTO {TABLE} ({', '.join(KEYS)}, n) "  # noqa: S608
    "SELECT m.unit_path, m.status, o.kind, m.it_qualification, COUNT(*) "
    "FROM network_member m JOIN network_organization o ON o.id = m.organization_id "
    "GROUP BY m.unit_path, m.status, o.kind, m.it_qualification"
)


def _triggers(create: bool) -> Any:
    async def run(apps: Any, schema_editor: Any) -> None:
        client = schema_editor.client
        postgres = client.capabilities.dialect == "postgres"
        if create:
            statements = [*(POSTGRES if postgres else SQLITE), BACKFILL]
        else:
            statements = POSTGRES_DOWN if postgres else SQLITE_DOWN
        for statement in statements:
            await client.execute_script(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0022_survey_media_content_type")]

    initial = False

    operations = [
        ops.CreateModel(
            name="MemberFacetTally",
            fields=[
                (
                    "id",
                    fields.IntField(generated=True, primary_key=True, unique=True, db_index=True),
                ),
                ("unit_path", fields.CharField(max_length=512)),
                ("status", fields.CharEnumField(enum_type=MemberStatus, max_length=16)),
                (
                    "organization_kind",
                    fields.CharEnumField(enum_type=OrganizationKind, max_length=32),
                ),
                ("it_qualification", fields.SmallIntField()),
                ("n", fields.IntField(default=0)),
            ],
            options={
                "table": TABLE,
                "app": "dxnet",
                "unique_together": (KEYS,),
                "pk_attr": "id",
                "table_description": "Members per unit path, status, organisation kind and IT "
                "qualification: what a",
            },
            bases=["Model"],
        ),
        ops.AddIndex(model_name="Member", index=Index(fields=["organization_id"])),
        ops.AddIndex(
            model_name="PlatformAdoption", index=Index(fields=["platform_id", "member_id"])
        ),
        ops.RunPython(_triggers(True), _triggers(False)),
    ]
