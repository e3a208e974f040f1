"""The GraphQL endpoint's defences: limits, CSRF, transport rules, masking, introspection."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from core.actor import Actor, Role
from schema.core import limits
from tests.helpers import JSON, LOGIN, gql, login, make_user, write_allow_list

UNITS = "{ adminUnits(first: 1) { edges { node { code } } } }"


async def _post(client: httpx.AsyncClient, query: str, **headers: str) -> httpx.Response:
    return await client.post("/graphql", json={"query": query}, headers={**JSON, **headers})


def _errors(response: httpx.Response) -> list[str]:
    return [e["message"] for e in response.json()["errors"]]


def _codes(response: httpx.Response) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in response.json()["errors"]]


async def test_depth_beyond_the_limit_is_refused(client: httpx.AsyncClient, tree: object) -> None:
    nested = "{ code }"
    for _ in range(limits.MAX_DEPTH):
        nested = "{ children(first: 1) { edges { node " + nested + " } } }"
    response = await _post(client, '{ adminUnit(code: "96") ' + nested + " }")

    assert response.status_code == 400
    assert _codes(response) == ["TOO_DEEP"]
    assert _errors(response) == [f"Yêu cầu lồng các trường quá {limits.MAX_DEPTH} cấp."]


async def test_too_many_aliases_are_refused(client: httpx.AsyncClient, tree: object) -> None:
    aliases = " ".join(
        f'a{i}: adminUnit(code: "96") {{ code }}' for i in range(limits.MAX_ALIASES + 1)
    )
    response = await _post(client, "{ " + aliases + " }")

    assert response.status_code == 400
    assert _codes(response) == ["TOO_MANY_ALIASES"]


async def test_aliases_at_the_limit_are_allowed(client: httpx.AsyncClient, tree: object) -> None:
    aliases = " ".join(f'a{i}: adminUnit(code: "96") {{ code }}' for i in range(limits.MAX_ALIASES))
    response = await _post(client, "{ " + aliases + " }")

    assert response.status_code == 200
    assert response.json()["data"]["a0"] == {"code": "96"}


async def test_too_many_tokens_are_refused(client: httpx.AsyncClient, tree: object) -> None:
    fields = " ".join("code" for _ in range(limits.MAX_TOKENS))
    response = await _post(client, '{ adminUnit(code: "96") { ' + fields + " } }")

    assert response.status_code == 400
    assert _codes(response) == ["TOO_MANY_TOKENS"]
    assert "3000" in _errors(response)[0]


async def test_too_many_directives_are_refused(client: httpx.AsyncClient, tree: object) -> None:
    fields = " ".join("code @include(if: true)" for _ in range(limits.MAX_DIRECTIVES + 1))
    response = await _post(client, '{ adminUnit(code: "96") { ' + fields + " } }")

    assert response.status_code == 400
    assert _codes(response) == ["TOO_MANY_DIRECTIVES"]


async def test_expensive_nested_lists_are_refused_by_cost(
    client: httpx.AsyncClient, tree: object
) -> None:
    query = (
        "{ adminUnits(first: 100) { edges { node { children(first: 100) { edges { node "
        "{ code name kind } } } } } } }"
    )
    response = await _post(client, query)

    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] > limits.MAX_COST


def test_cost_counts_page_sizes_and_fragments() -> None:
    from graphql import parse, validate

    from schema import schema

    def cost_errors(query: str) -> list[str]:
        rules = [limits.CostRule]
        return [e.message for e in validate(schema._schema, parse(query), rules)]

    cheap = "{ adminUnits(first: 10) { edges { node { ...F } } } } fragment F on AdminUnit { code name }"
    assert cost_errors(cheap) == []
    deep = (
        "{ adminUnits(first: 100) { edges { node { ...F } } } } "
        "fragment F on AdminUnit { children(first: 100) { edges { node { code } } } }"
    )
    assert cost_errors(deep) and "estimated cost" in cost_errors(deep)[0]


async def test_page_size_is_clamped_to_100(
    client: httpx.AsyncClient, db: str, system: Actor
) -> None:
    from network.models import AdminUnit, AdminUnitKind

    commune = await AdminUnit.get(code="32002")
    await AdminUnit.bulk_create(
        AdminUnit(
            code=f"H{i:03d}",
            name=f"Ấp {i}",
            name_folded=f"ap {i}",
            kind=AdminUnitKind.HAMLET,
            level=3,
            parent_id=commune.id,
            path=f"{commune.path}H{i:03d}/",
        )
        for i in range(120)
    )

    body = await gql(
        client,
        '{ adminUnits(parentCode: "32002", first: 500) { totalCount pageInfo { hasNextPage } edges { cursor } } }',
    )

    units = body["data"]["adminUnits"]
    assert len(units["edges"]) == 100
    assert units["totalCount"] == 120 and units["pageInfo"]["hasNextPage"] is True


async def test_get_operations_are_refused(client: httpx.AsyncClient, db: str) -> None:
    response = await client.get("/graphql", params={"query": "{ viewer { username } }"})
    assert response.status_code in (400, 405)


async def test_batched_operations_are_refused(client: httpx.AsyncClient, db: str) -> None:
    response = await client.post(
        "/graphql", json=[{"query": "{ viewer { username } }"}] * 2, headers=JSON
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain"],
)
async def test_non_json_requests_are_refused(
    client: httpx.AsyncClient, db: str, content_type: str
) -> None:
    response = await client.post(
        "/graphql",
        content=b'{"query": "mutation { logout { ok } }"}',
        headers={"content-type": content_type},
    )
    assert response.status_code == 415


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        ("https://evil.example", 403),
        ("null", 403),
        ("http://testserver.evil.example", 403),
        ("http://testserver", 200),
        ("https://partner.example.vn", 200),
    ],
)
async def test_foreign_origins_are_refused_including_login(
    settings: Settings, db: str, system: Actor, origin: str, status: int
) -> None:
    await make_user(system, "victim", Role.PROVINCE_ADMIN, "96")
    app = create_app(
        Settings(**{**settings.__dict__, "allowed_origins": ("https://partner.example.vn",)}),
        manage_database=False,
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        response = await client.post(
            "/graphql",
            json={
                "query": 'mutation { login(input: {username: "victim", password: "x"}) { errors { code } } }'
            },
            headers={**JSON, "origin": origin},
        )
    assert response.status_code == status


async def test_cross_site_fetch_metadata_is_refused(client: httpx.AsyncClient, db: str) -> None:
    response = await _post(client, "{ viewer { username } }", **{"sec-fetch-site": "cross-site"})
    assert response.status_code == 403


async def test_bodies_over_one_megabyte_are_refused(client: httpx.AsyncClient, db: str) -> None:
    padding = "#" + "x" * 1_000_100 + "\n"
    response = await _post(client, padding + "{ viewer { username } }", **{"accept-language": "en"})
    assert response.status_code == 413
    assert response.json()["errors"] == [
        {
            "message": "The request is too large: at most 1 MB.",
            "extensions": {"code": "PAYLOAD_TOO_LARGE"},
        }
    ]


async def test_streamed_bodies_over_the_limit_are_refused(
    client: httpx.AsyncClient, db: str
) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(30):
            yield b"x" * 50_000

    response = await client.post("/graphql", content=chunks(), headers=JSON)
    assert response.status_code == 413


async def test_malformed_documents_get_400_with_a_message(
    client: httpx.AsyncClient, db: str
) -> None:
    response = await _post(client, "{ viewer { username ")
    assert response.status_code == 400
    assert _errors(response)[0].startswith("Lỗi cú pháp GraphQL")  # test_validation_messages.py

    response = await client.post("/graphql", content=b"{not json", headers=JSON)
    assert response.status_code == 400


async def test_field_suggestions_are_off(client: httpx.AsyncClient, db: str) -> None:
    response = await _post(client, "{ viewr { username } }")
    assert response.status_code == 400
    assert "Did you mean" not in _errors(response)[0]


async def test_unexpected_errors_are_masked_with_the_request_id(
    client: httpx.AsyncClient, tree: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from network import admin_units as services

    async def broken(**_kwargs: object) -> None:
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(services, "get", broken)
    response = await _post(
        client, '{ adminUnit(code: "96") { code } }', **{"x-request-id": "req-12345678"}
    )

    error = response.json()["errors"][0]
    assert "hunter2" not in response.text and "Traceback" not in response.text
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": "req-12345678"}
    assert "req-12345678" in error["message"]
    assert response.headers["x-request-id"] == "req-12345678"


INTROSPECTION = "{ __schema { queryType { name } } }"
SECURE_LOGIN = 'mutation { login(input: {username: "admin", password: "correct-horse-battery"}) { errors { code } } }'


@pytest.fixture
async def production_client(settings: Settings, db: str, tmp_path: Path) -> httpx.AsyncClient:
    # Sessions run trusted documents only in production (test_trusted_documents.py): these
    # tests check other rules, so their documents are on the allow-list.
    allow_list = write_allow_list(tmp_path / "trusted.json", LOGIN, INTROSPECTION, SECURE_LOGIN)
    production = {**settings.__dict__, "env": "production", "trusted_documents": allow_list}
    app = create_app(Settings(**production), manage_database=False)
    # https: the production cookie is Secure, so clients only send it back over TLS.
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://testserver")


async def test_introspection_is_refused_in_production_for_anonymous_and_staff(
    production_client: httpx.AsyncClient, system: Actor
) -> None:
    await make_user(system, "manager", Role.UNIT_MANAGER, "32002")
    async with production_client as client:
        anonymous = await _post(client, INTROSPECTION)
        await login(client, "manager")
        manager = await _post(client, INTROSPECTION)

    assert anonymous.status_code == manager.status_code == 400
    assert "introspection" in _errors(anonymous)[0].lower()


async def test_introspection_is_allowed_for_province_admin_in_production(
    production_client: httpx.AsyncClient, system: Actor
) -> None:
    await make_user(system, "admin", Role.PROVINCE_ADMIN, "96")
    async with production_client as client:
        await login(client, "admin")
        response = await _post(client, INTROSPECTION)
        ide = await client.get("/graphql", headers={"accept": "text/html"})

    assert response.json()["data"] == {"__schema": {"queryType": {"name": "Query"}}}
    assert ide.status_code == 404  # no GraphiQL in production


async def test_production_cookie_is_secure(
    production_client: httpx.AsyncClient, system: Actor
) -> None:
    await make_user(system, "admin", Role.PROVINCE_ADMIN, "96")
    async with production_client as client:
        response = await client.post(
            "/graphql",
            json={"query": SECURE_LOGIN},
            headers=JSON,
        )
    assert "Secure" in response.headers["set-cookie"]


async def test_unused_constant_query_is_valid(client: httpx.AsyncClient, tree: object) -> None:
    body = await gql(client, UNITS)
    assert body["data"]["adminUnits"]["edges"] == [{"node": {"code": "31825"}}]
