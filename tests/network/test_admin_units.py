"""The administrative tree over GraphQL: public reads, scoped additions below a commune."""

from __future__ import annotations

import httpx
import pytest

from core.actor import Actor, Role
from network.models import AdminUnit, AdminUnitKind
from tests.helpers import gql, sign_in

UNITS = """
query Units($parent: String, $search: String, $first: Int, $after: String) {
  adminUnits(parentCode: $parent, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { code name kind level parentCode } }
  }
}
"""
CREATE = """
mutation Create($input: CreateAdminUnitInput!) {
  createAdminUnit(input: $input) { adminUnit { code name kind level parentCode path } errors { field code message } }
}
"""


async def test_province_children_are_listed_and_paged(
    client: httpx.AsyncClient, tree: AdminUnit
) -> None:
    first = await gql(client, UNITS, {"first": 60})
    rest = await gql(
        client, UNITS, {"first": 60, "after": first["data"]["adminUnits"]["pageInfo"]["endCursor"]}
    )

    page1, page2 = first["data"]["adminUnits"], rest["data"]["adminUnits"]
    assert page1["totalCount"] == 64 and page1["pageInfo"]["hasNextPage"] is True
    assert len(page1["edges"]) == 60 and len(page2["edges"]) == 4
    assert page2["pageInfo"]["hasNextPage"] is False
    codes = [e["node"]["code"] for e in page1["edges"] + page2["edges"]]
    assert len(set(codes)) == 64
    assert {e["node"]["parentCode"] for e in page1["edges"]} == {"96"}


@pytest.mark.parametrize("search", ["dat mui", "Đất Mũi", "ĐẤT MŨI", "đất mui"])
async def test_search_ignores_case_and_diacritics(
    client: httpx.AsyncClient, tree: AdminUnit, search: str
) -> None:
    body = await gql(client, UNITS, {"search": search})

    assert [e["node"]["name"] for e in body["data"]["adminUnits"]["edges"]] == ["Xã Đất Mũi"]


async def test_unknown_parent_code_is_a_clear_error(
    client: httpx.AsyncClient, tree: AdminUnit
) -> None:
    body = await gql(client, UNITS, {"parent": "99999"}, headers={"accept-language": "en"})

    assert body["errors"][0]["message"] == "There is no administrative unit with code 99999."
    assert body["errors"][0]["extensions"]["code"] == "ADMIN_UNIT_NOT_FOUND"


async def test_bad_cursor_is_a_clear_error(client: httpx.AsyncClient, tree: AdminUnit) -> None:
    body = await gql(client, UNITS, {"after": "not-a-cursor"})
    assert body["errors"][0]["extensions"] == {"code": "INVALID", "field": "after"}


async def test_node_query_resolves_global_ids(client: httpx.AsyncClient, tree: AdminUnit) -> None:
    unit = await gql(client, '{ adminUnit(code: "32002") { id name } }')
    node_id = unit["data"]["adminUnit"]["id"]

    body = await gql(
        client, "query($id: ID!) { node(id: $id) { ... on AdminUnit { code } } }", {"id": node_id}
    )

    assert body["data"]["node"] == {"code": "32002"}


@pytest.mark.parametrize(
    ("role", "scope", "parent", "allowed"),
    [
        (Role.PROVINCE_ADMIN, "96", "32002", True),
        (Role.UNIT_MANAGER, "32002", "32002", True),
        (Role.UNIT_MANAGER, "31843", "32002", False),
        (Role.FIELD_STAFF, "32002", "32002", False),
    ],
)
async def test_hamlets_are_added_only_inside_the_managers_scope(
    client: httpx.AsyncClient, system: Actor, role: Role, scope: str, parent: str, allowed: bool
) -> None:
    await sign_in(client, system, "someone", role, scope)

    body = await gql(
        client,
        CREATE,
        {
            "input": {
                "parentCode": parent,
                "code": "32002-K1",
                "name": "Khóm 1",
                "kind": "RESIDENTIAL_GROUP",
            }
        },
    )

    created = await AdminUnit.get_or_none(code="32002-K1")
    if allowed:
        assert body["data"]["createAdminUnit"] == {
            "adminUnit": {
                "code": "32002-K1",
                "name": "Khóm 1",
                "kind": "RESIDENTIAL_GROUP",
                "level": 3,
                "parentCode": "32002",
                "path": "/96/32002/32002-K1/",
            },
            "errors": [],
        }
        assert created is not None and created.name_folded == "khom 1"
    else:
        assert created is None
        errors = body["data"]["createAdminUnit"]["errors"] if body.get("data") else body["errors"]
        assert errors


async def test_bad_hamlet_input_reports_every_field(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "32002")

    body = await gql(
        client,
        CREATE,
        {"input": {"parentCode": "32002", "code": "32002", "name": "", "kind": "PROVINCE"}},
        headers={"accept-language": "en"},
    )

    errors = body["data"]["createAdminUnit"]["errors"]
    assert sorted((e["field"], e["code"]) for e in errors) == [
        ("code", "DUPLICATE_CODE"),
        ("kind", "INVALID_CHOICE"),
        ("name", "INVALID_LENGTH"),
    ]
    assert await AdminUnit.filter(kind=AdminUnitKind.PROVINCE).count() == 1


SUBTREE = """
query Subtree($parent: String, $first: Int) {
  adminUnits(parentCode: $parent, descendants: true, first: $first) {
    totalCount edges { node { code kind path } }
  }
}
"""


async def test_descendants_lists_the_whole_subtree_in_tree_order(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor
) -> None:
    commune = await AdminUnit.get(code="32002")
    for code in ("32002-A2", "32002-A1"):
        await AdminUnit.create(
            code=code,
            name=f"Ấp {code[-1]}",
            kind=AdminUnitKind.HAMLET,
            level=3,
            parent=commune,
            path=f"{commune.path}{code}/",
        )

    province = await gql(client, SUBTREE, {"first": 100})
    ward = await gql(client, SUBTREE, {"parent": "32002"})

    units = province["data"]["adminUnits"]
    assert units["totalCount"] == 66  # 64 communes and wards, 2 hamlets, not the province
    paths = [e["node"]["path"] for e in units["edges"]]
    at = paths.index("/96/32002/")  # the commune, then its hamlets right after it
    assert paths[at + 1 : at + 3] == ["/96/32002/32002-A1/", "/96/32002/32002-A2/"]
    assert [e["node"]["code"] for e in ward["data"]["adminUnits"]["edges"]] == [
        "32002-A1",
        "32002-A2",
    ]
