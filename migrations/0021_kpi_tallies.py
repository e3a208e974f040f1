"""The KPI dashboard's aggregates, kept by triggers (decision 0037).

``networkKpis`` summed members, organisations and platform use per admin unit by
scanning them: its cost grew with the province (117 ms at 100,000 members, 472 ms at
500,000 through GraphQL, the per-platform figures several times more). Three tables now
hold those sums, adjusted by triggers in the writing transaction like
``network_member_count`` (0020), so the dashboard adds up a few thousand rows whatever
the number of members:

- ``network_member_tally``: members per (admin unit, unit path, status, core platforms,
  holds a network role);
- ``network_organization_tally``: organisations per (admin unit, unit path, kind, active);
- ``network_adoption_tally``: platform adoptions per (member's unit path, member's
  status, platform, adoption status). An adoption's trigger reads its member's row; a
  member whose path or status changes moves its adoptions; a member about to be deleted
  deletes its adoptions first (their triggers still see it), so a cascade never
  decrements twice.

A removal only decrements an existing row (never inserts), as in 0020: tests empty
tables in any order.
"""

from typing import Any

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

from network.models import AdoptionStatus, MemberStatus, OrganizationKind


def _upsert(table: str, keys: tuple[str, ...], values: str, amount: str = "1") -> str:
    columns = ", ".join(keys)
    return (
        f"INSERT INTO {table} ({columns}, n) {values} "
        f"ON CONFLICT ({columns}) DO UPDATE SET n = {table}.n + {amount}"
    )


# -- members ------------------------------------------------------------------------------
MEMBER_KEYS = ("admin_unit_id", "unit_path", "status", "core_platforms", "role_holder")
MEMBER_WATCHED = ("admin_unit_id", "unit_path", "status", "core_platforms", "roles")


def _member_values(row: str) -> tuple[str, ...]:
    return (
        f"{row}.admin_unit_id",
        f"{row}.unit_path",
        f"{row}.status",
        f"{row}.core_platforms",
        f"CASE WHEN {row}.roles <> ',' THEN 1 ELSE 0 END",
    )


def _member_add(row: str) -> str:
    return _upsert(
        "network_member_tally",
        MEMBER_KEYS,
        f"VALUES ({', '.join(_member_values(row))}, 1)",
        "1",
    )


def _member_remove(row: str) -> str:
    match = " AND ".join(
        f"{key} = {value}" for key, value in zip(MEMBER_KEYS, _member_values(row), strict=True)
    )
    return f"UPDATE network_member_tally SET n = n - 1 WHERE {match}"  # noqa: S608


# -- organisations ------------------------------------------------------------------------
ORGANIZATION_KEYS = ("admin_unit_id", "unit_path", "kind", "is_active")


def _organization_add(row: str) -> str:
    values = ", ".join(f"{row}.{key}" for key in ORGANIZATION_KEYS)
    return _upsert("network_organization_tally", ORGANIZATION_KEYS, f"VALUES ({values}, 1)")


def _organization_remove(row: str) -> str:
    match = " AND ".join(f"{key} = {row}.{key}" for key in ORGANIZATION_KEYS)
    return f"UPDATE network_organization_tally SET n = n - 1 WHERE {match}"  # noqa: S608


# -- platform adoptions -------------------------------------------------------------------
ADOPTION_KEYS = ("unit_path", "member_status", "platform_id", "status")


def _adoption_add(row: str) -> str:
    return _upsert(
        "network_adoption_tally",
        ADOPTION_KEYS,
        f"SELECT m.unit_path, m.status, {row}.platform_id, {row}.status, 1 "  # noqa: S608
        f"FROM network_member m WHERE m.id = {row}.member_id",
    )


def _adoption_remove(row: str) -> str:
    return (
        "UPDATE network_adoption_tally SET n = n - 1 "  # noqa: S608
        f"WHERE platform_id = {row}.platform_id AND status = {row}.status AND EXISTS ("
        "SELECT 1 FROM network_member m WHERE m.id = "
        f"{row}.member_id AND m.unit_path = network_adoption_tally.unit_path "
        "AND m.status = network_adoption_tally.member_status)"
    )


# A member's adoptions leave its old (path, status) and join its new one.
_MEMBER_ADOPTIONS_LEAVE = (
    "UPDATE network_adoption_tally SET n = n - (SELECT COUNT(*) FROM network_platform_adoption a "
    "WHERE a.member_id = OLD.id AND a.platform_id = network_adoption_tally.platform_id "
    "AND a.status = network_adoption_tally.status) "
    "WHERE unit_path = OLD.unit_path AND member_status = OLD.status"
)
_MEMBER_ADOPTIONS_JOIN = _upsert(
    "network_adoption_tally",
    ADOPTION_KEYS,
    "SELECT NEW.unit_path, NEW.status, a.platform_id, a.status, COUNT(*) "
    "FROM network_platform_adoption a WHERE a.member_id = NEW.id GROUP BY a.platform_id, a.status",
    "excluded.n",
)
_MEMBER_ADOPTIONS_DELETE = "DELETE FROM network_platform_adoption WHERE member_id = OLD.id"


def _changed(columns: tuple[str, ...], postgres: bool) -> str:
    same = "IS DISTINCT FROM" if postgres else "IS NOT"
    return " OR ".join(f"OLD.{c} {same} NEW.{c}" for c in columns)


_MEMBER_MOVED = ("unit_path", "status")
_ADOPTION_WATCHED = ("member_id", "platform_id", "status")

SQLITE = [
    # members
    "CREATE TRIGGER network_member_tally_insert AFTER INSERT ON network_member "
    f"BEGIN {_member_add('NEW')}; END",
    "CREATE TRIGGER network_member_tally_delete AFTER DELETE ON network_member "
    f"BEGIN {_member_remove('OLD')}; END",
    f"CREATE TRIGGER network_member_tally_update AFTER UPDATE OF {', '.join(MEMBER_WATCHED)} "
    f"ON network_member WHEN {_changed(MEMBER_WATCHED, False)} "
    f"BEGIN {_member_remove('OLD')}; {_member_add('NEW')}; END",
    # organisations
    "CREATE TRIGGER network_organization_tally_insert AFTER INSERT ON network_organization "
    f"BEGIN {_organization_add('NEW')}; END",
    "CREATE TRIGGER network_organization_tally_delete AFTER DELETE ON network_organization "
    f"BEGIN {_organization_remove('OLD')}; END",
    "CREATE TRIGGER network_organization_tally_update AFTER UPDATE OF "
    f"{', '.join(ORGANIZATION_KEYS)} ON network_organization "
    f"WHEN {_changed(ORGANIZATION_KEYS, False)} "
    f"BEGIN {_organization_remove('OLD')}; {_organization_add('NEW')}; END",
    # adoptions
    "CREATE TRIGGER network_adoption_tally_insert AFTER INSERT ON network_platform_adoption "
    f"BEGIN {_adoption_add('NEW')}; END",
    "CREATE TRIGGER network_adoption_tally_delete AFTER DELETE ON network_platform_adoption "
    f"BEGIN {_adoption_remove('OLD')}; END",
    f"CREATE TRIGGER network_adoption_tally_update AFTER UPDATE OF {', '.join(_ADOPTION_WATCHED)} "
    f"ON network_platform_adoption WHEN {_changed(_ADOPTION_WATCHED, False)} "
    f"BEGIN {_adoption_remove('OLD')}; {_adoption_add('NEW')}; END",
    # a member's adoptions follow it
    f"CREATE TRIGGER network_adoption_tally_member_moved AFTER UPDATE OF "
    f"{', '.join(_MEMBER_MOVED)} ON network_member WHEN {_changed(_MEMBER_MOVED, False)} "
    f"BEGIN {_MEMBER_ADOPTIONS_LEAVE}; {_MEMBER_ADOPTIONS_JOIN}; END",
    "CREATE TRIGGER network_adoption_tally_member_delete BEFORE DELETE ON network_member "
    f"BEGIN {_MEMBER_ADOPTIONS_DELETE}; END",
]
SQLITE_DOWN = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        *(f"network_{t}_tally_{w}" for t in ("member", "organization", "adoption")
          for w in ("insert", "delete", "update")),
        "network_adoption_tally_member_moved",
        "network_adoption_tally_member_delete",
    )
]  # fmt: skip


def _pg_function(name: str, add: str, remove: str) -> str:
    return f"""CREATE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN {remove}; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN {add}; END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql"""


def _pg_triggers(table: str, function: str, watched: tuple[str, ...]) -> list[str]:
    return [
        f"CREATE TRIGGER {function}_write AFTER INSERT OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
        f"CREATE TRIGGER {function}_update AFTER UPDATE OF {', '.join(watched)} ON {table} "
        f"FOR EACH ROW WHEN ({_changed(watched, True)}) EXECUTE FUNCTION {function}()",
    ]


POSTGRES = [
    _pg_function("network_member_tally_keep", _member_add("NEW"), _member_remove("OLD")),
    *_pg_triggers("network_member", "network_member_tally_keep", MEMBER_WATCHED),
    _pg_function(
        "network_organization_tally_keep", _organization_add("NEW"), _organization_remove("OLD")
    ),
    *_pg_triggers("network_organization", "network_organization_tally_keep", ORGANIZATION_KEYS),
    _pg_function("network_adoption_tally_keep", _adoption_add("NEW"), _adoption_remove("OLD")),
    *_pg_triggers("network_platform_adoption", "network_adoption_tally_keep", _ADOPTION_WATCHED),
    f"""CREATE FUNCTION network_adoption_tally_member_moved() RETURNS trigger AS $$
BEGIN
  {_MEMBER_ADOPTIONS_LEAVE};
  {_MEMBER_ADOPTIONS_JOIN};
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
    f"CREATE TRIGGER network_adoption_tally_member_moved AFTER UPDATE OF "
    f"{', '.join(_MEMBER_MOVED)} ON network_member FOR EACH ROW "
    f"WHEN ({_changed(_MEMBER_MOVED, True)}) "
    "EXECUTE FUNCTION network_adoption_tally_member_moved()",
    f"""CREATE FUNCTION network_adoption_tally_member_delete() RETURNS trigger AS $$
BEGIN
  {_MEMBER_ADOPTIONS_DELETE};
  RETURN OLD;
END $$ LANGUAGE plpgsql""",
    "CREATE TRIGGER network_adoption_tally_member_delete BEFORE DELETE ON network_member "
    "FOR EACH ROW EXECUTE FUNCTION network_adoption_tally_member_delete()",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS network_member_tally_keep_write ON network_member",
    "DROP TRIGGER IF EXISTS network_member_tally_keep_update ON network_member",
    "DROP TRIGGER IF EXISTS network_organization_tally_keep_write ON network_organization",
    "DROP TRIGGER IF EXISTS network_organization_tally_keep_update ON network_organization",
    "DROP TRIGGER IF EXISTS network_adoption_tally_keep_write ON network_platform_adoption",
    "DROP TRIGGER IF EXISTS network_adoption_tally_keep_update ON network_platform_adoption",
    "DROP TRIGGER IF EXISTS network_adoption_tally_member_moved ON network_member",
    "DROP TRIGGER IF EXISTS network_adoption_tally_member_delete ON network_member",
    *(
        f"DROP FUNCTION IF EXISTS {name}()"
        for name in (
            "network_member_tally_keep",
            "network_organization_tally_keep",
            "network_adoption_tally_keep",
            "network_adoption_tally_member_moved",
            "network_adoption_tally_member_delete",
        )
    ),
]
BACKFILL = [
    "INSERT INTO network_member_tally (admin_unit_id, unit_path, status, core_platforms, "
    "role_holder, n) SELECT admin_unit_id, unit_path, status, core_platforms, "
    "CASE WHEN roles <> ',' THEN 1 ELSE 0 END, COUNT(*) FROM network_member "
    "GROUP BY admin_unit_id, unit_path, status, core_platforms, CASE WHEN roles <> ',' THEN 1 ELSE 0 END",
    "INSERT INTO network_organization_tally (admin_unit_id, unit_path, kind, is_active, n) "
    "SELECT admin_unit_id, unit_path, kind, is_active, COUNT(*) FROM network_organization "
    "GROUP BY admin_unit_id, unit_path, kind, is_active",
    "INSERT INTO network_adoption_tally (unit_path, member_status, platform_id, status, n) "
    "SELECT m.unit_path, m.status, a.platform_id, a.status, COUNT(*) "
    "FROM network_platform_adoption a JOIN network_member m ON m.id = a.member_id "
    "GROUP BY m.unit_path, m.status, a.platform_id, a.status",
]


def _triggers(create: bool) -> Any:
    async def run(apps: Any, schema_editor: Any) -> None:
        client = schema_editor.client
        postgres = client.capabilities.dialect == "postgres"
        if create:
            statements = [*(POSTGRES if postgres else SQLITE), *BACKFILL]
        else:
            statements = POSTGRES_DOWN if postgres else SQLITE_DOWN
        for statement in statements:
            await client.execute_script(statement)

    return run


def _id() -> tuple[str, Any]:
    return ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True))


def _tally(
    name: str, table: str, columns: list[tuple[str, Any]], keys: tuple[str, ...], about: str
) -> Any:
    return ops.CreateModel(
        name=name,
        fields=[_id(), *columns, ("n", fields.IntField(default=0))],
        options={
            "table": table,
            "app": "dxnet",
            "unique_together": (keys,),
            "pk_attr": "id",
            "table_description": about,
        },
        bases=["Model"],
    )


class Migration(migrations.Migration):
    dependencies = [("dxnet", "0020_member_counts")]

    initial = False

    operations = [
        _tally(
            "MemberTally",
            "network_member_tally",
            [
                ("admin_unit_id", fields.IntField()),
                ("unit_path", fields.CharField(max_length=512)),
                (
                    "status",
                    fields.CharEnumField(
                        description="ACTIVE: ACTIVE\nINACTIVE: INACTIVE\nLEFT: LEFT",
                        enum_type=MemberStatus,
                        max_length=16,
                    ),
                ),
                ("core_platforms", fields.SmallIntField()),
                ("role_holder", fields.SmallIntField()),
            ],
            MEMBER_KEYS,
            "Members per admin unit, unit path, status, number of core platforms used and",
        ),
        _tally(
            "OrganizationTally",
            "network_organization_tally",
            [
                ("admin_unit_id", fields.IntField()),
                ("unit_path", fields.CharField(max_length=512)),
                ("kind", fields.CharEnumField(enum_type=OrganizationKind, max_length=32)),
                ("is_active", fields.BooleanField()),
            ],
            ORGANIZATION_KEYS,
            "Organisations per admin unit, unit path, kind and whether active (migration 0021),",
        ),
        _tally(
            "AdoptionTally",
            "network_adoption_tally",
            [
                ("unit_path", fields.CharField(max_length=512)),
                ("member_status", fields.CharEnumField(enum_type=MemberStatus, max_length=16)),
                ("platform_id", fields.IntField()),
                ("status", fields.CharEnumField(enum_type=AdoptionStatus, max_length=16)),
            ],
            ADOPTION_KEYS,
            "Platform adoptions per unit path and status of the member, platform and adoption",
        ),
        ops.RunPython(_triggers(True), _triggers(False)),
    ]
