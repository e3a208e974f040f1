"""What the fuzzer (tests/fuzz) found, one row each, so it stays fixed on both databases.

Global IDs whose key is not a possible row (past 32 or 64 bits, Unicode digits, zero)
reached the database and failed there (SQLite: "Python int too large to convert to
SQLite INTEGER"; asyncpg: out of int32 range): now they are unknown objects
(``node`` is null, arguments get ``INVALID_ID``). A global ID naming a type that is not a
Node (``Nope:1``, ``Query:1``) raised strawberry's ``GlobalIDValueError``, masked as an
internal error: now ``INVALID_ID``."""

from __future__ import annotations

import base64

import httpx
import pytest

from core.actor import Actor, Role
from tests.helpers import gql, sign_in
from tests.security.documents import node_types

KEYS = ["99999999999999999999999", "9223372036854775808", "2147483648", "²", "٣", "0", "-1"]


def gid(type_name: str, key: str) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


@pytest.mark.parametrize("key", KEYS)
async def test_node_with_an_impossible_key_is_null(
    client: httpx.AsyncClient, system: Actor, key: str
) -> None:
    await sign_in(client, system, "fuzz.admin", Role.PROVINCE_ADMIN, "96")
    for type_name in node_types():
        body = await gql(
            client, "query($id: ID!) { node(id: $id) { id } }", {"id": gid(type_name, key)}
        )
        assert body["data"] == {"node": None}, (type_name, body)


@pytest.mark.parametrize("key", KEYS)
async def test_arguments_with_an_impossible_key_are_invalid_ids(
    client: httpx.AsyncClient, system: Actor, key: str
) -> None:
    await sign_in(client, system, "fuzz.admin", Role.PROVINCE_ADMIN, "96")
    article = await gql(
        client,
        "mutation($i: ArticleIdInput!) { submitArticleForReview(input: $i) { errors { code } } }",
        {"i": {"id": gid("Article", key)}},
    )
    audit = await gql(
        client,
        "query($a: ID) { auditLog(actor: $a) { totalCount } }",
        {"a": gid("User", key)},
    )
    assert article["data"]["submitArticleForReview"]["errors"] == [{"code": "INVALID_ID"}]
    assert audit["errors"][0]["extensions"]["code"] == "INVALID_ID"


@pytest.mark.parametrize("type_name", ["Nope", "Query", "AdminUnitConnection", ""])
async def test_node_of_an_unknown_type_is_null(
    client: httpx.AsyncClient, tree: object, type_name: str
) -> None:
    body = await gql(
        client, "query($id: ID!) { node(id: $id) { id } }", {"id": gid(type_name, "1")}
    )
    assert body["data"] == {"node": None}, body
    assert [e["extensions"]["code"] for e in body.get("errors", [])] in ([], ["INVALID_ID"])


@pytest.mark.parametrize("amount", ["0.5", "1e16", "-1e16", '"mười triệu"', "true"])
async def test_an_amount_that_is_not_whole_dong_is_an_invalid_value(
    client: httpx.AsyncClient, system: Actor, amount: str
) -> None:
    """A budget written into the document as a fraction, past 10^15 or not a number was an
    internal error (the Vnd scalar raised ValueError); now the document is refused."""
    await sign_in(client, system, "fuzz.admin", Role.PROVINCE_ADMIN, "96")
    document = (
        'mutation { createProject(input: {adminUnitCode: "96", area: DIGITAL_GOVERNMENT, '
        'code: "X", name: "X", organizationId: "", startsOn: "2026-01-01", '
        f'endsOn: "2026-02-01", goal: "", budgetLines: [], budgetTotal: {amount}}}) '
        "{ errors { code } } }"
    )
    body = await gql(client, document, status=400)  # refused as a document, before it runs
    assert body["data"] is None
    assert body["errors"][0]["message"] == "An amount in VND is a whole number up to 10^15."
