"""Issue 12's defects in the GraphQL endpoint, each pinned by a test: cost of connections
without ``first``, the work and time budgets, bad input answered as client errors, error
floods, several operations without ``operationName``, refusals in the caller's language."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from core.actor import Actor, Role
from schema.core import limits
from tests.helpers import JSON, gql, login, make_user, sign_in
from tests.surveys.survey_data import published_survey

EN = {**JSON, "accept-language": "en"}
VI = {**JSON, "accept-language": "vi"}

# Fifteen aliases of the nested children of every unit, no page size given anywhere: each
# connection returns its default page of 20, so this asks for 15 x 20 x 20 x 20 units.
NESTED = "edges { node { code children { edges { node { code children { edges { node { code } } } } } } } }"
FIFTEEN_ALIASES = "{ " + " ".join(f"a{i}: adminUnits {{ {NESTED} }}" for i in range(15)) + " }"


async def _post(
    client: httpx.AsyncClient, query: str, headers: dict[str, str] = EN, **extra: object
) -> httpx.Response:
    return await client.post("/graphql", json={"query": query, **extra}, headers=headers)


def _codes(response: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json()["errors"]]


# --- Defect 2: cost, work and time budgets ------------------------------------------


async def test_connections_without_first_are_priced_at_the_default_page(
    client: httpx.AsyncClient, tree: object
) -> None:
    response = await _post(client, FIFTEEN_ALIASES)

    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] > 15 * limits.DEFAULT_PAGE_SIZE**2
    assert "too much" in error["message"]


def test_cost_prices_absent_pages_at_the_default_size() -> None:
    from graphql import parse, validate

    from schema import schema

    def cost(query: str) -> int:
        errors = validate(schema._schema, parse(query), [limits.CostRule])
        return int(errors[0].extensions["cost"]) if errors else 0  # type: ignore[index]

    # One connection without first: 1 + 20 x (edges 1 + node 1 + code 1) = 61, allowed.
    assert cost("{ adminUnits { edges { node { code } } } }") == 0
    nested = "{ adminUnits { edges { node { children { edges { node { children { edges { node { code } } } } } } } } } }"
    assert cost("{ " + " ".join(f"a{i}: " + nested[2:-2] for i in range(3)) + " }") > 5000


async def test_a_request_stops_once_its_connections_returned_too_many_rows(
    client: httpx.AsyncClient, tree: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schema.core import pagination

    monkeypatch.setattr(pagination, "MAX_NODES_PER_REQUEST", 30)
    query = "{ a: adminUnits(first: 20) { edges { node { code } } } b: adminUnits(first: 20) { edges { node { code } } } }"

    response = await _post(client, query)

    assert "QUERY_TOO_COMPLEX" in _codes(response)


@pytest.fixture
async def budgeted_client(settings: Settings, db: str) -> httpx.AsyncClient:
    app = create_app(replace(settings, graphql_timeout_seconds=0.5), manage_database=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def test_a_slow_query_is_cut_at_the_time_budget_and_the_server_goes_on(
    budgeted_client: httpx.AsyncClient, tree: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from network import admin_units

    real_get = admin_units.get

    async def slow_get(**kwargs: object) -> object:
        if kwargs.get("code") == "96":
            await asyncio.sleep(30)
        return await real_get(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(admin_units, "get", slow_get)
    async with budgeted_client as client:
        started = time.perf_counter()
        slow = await _post(client, '{ adminUnit(code: "96") { code } }', VI)
        elapsed = time.perf_counter() - started
        after = await _post(client, '{ adminUnit(code: "32002") { code } }')

    assert elapsed < 3
    assert slow.status_code == 503
    assert slow.json()["errors"][0]["extensions"] == {"code": "OPERATION_TIMEOUT"}
    assert "0.5 giây" in slow.json()["errors"][0]["message"]
    assert after.json() == {"data": {"adminUnit": {"code": "32002"}}}


async def test_mutations_are_not_cut_by_the_query_budget(
    budgeted_client: httpx.AsyncClient, system: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accounts import services

    real_revoke = services.revoke_session

    async def slow_revoke(**kwargs: object) -> bool:
        await asyncio.sleep(0.8)
        return await real_revoke(**kwargs)  # type: ignore[arg-type]

    await make_user(system, "admin", Role.PROVINCE_ADMIN, "96")
    monkeypatch.setattr(services, "revoke_session", slow_revoke)
    async with budgeted_client as client:
        await login(client, "admin")
        response = await _post(client, "mutation { logout { ok } }")

    assert response.json() == {"data": {"logout": {"ok": True}}}


# --- Defect 6: bad input is a client error, in the caller's language -----------------


@pytest.mark.parametrize(
    "body",
    [
        b'"just a string"',
        b"42",
        b"[1, 2]",
        b'{"query": "{ viewer { username } }\xff\xfe"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"query": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ],
    ids=["string", "number", "array-of-numbers", "invalid-utf8", "deep-array", "deep-query"],
)
async def test_bodies_that_are_not_a_graphql_request_are_client_errors(
    client: httpx.AsyncClient, db: str, body: bytes
) -> None:
    response = await client.post("/graphql", content=body, headers=EN)

    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST_BODY"
    assert "JSON object" in response.json()["errors"][0]["message"]


async def test_admin_unit_codes_over_the_column_length_are_not_found(
    client: httpx.AsyncClient, tree: object
) -> None:
    code = "9" * 40

    one = await _post(client, f'{{ adminUnit(code: "{code}") {{ code }} }}')
    below = await _post(client, f'{{ adminUnits(parentCode: "{code}") {{ totalCount }} }}')

    assert one.json() == {"data": {"adminUnit": None}}
    assert _codes(below) == ["ADMIN_UNIT_NOT_FOUND"]


async def test_a_search_string_past_the_limit_is_refused(
    client: httpx.AsyncClient, tree: object
) -> None:
    query = '{ adminUnits(search: "%s") { totalCount } }' % ("a" * 50_001)

    response = await _post(client, query)

    assert _codes(response) == ["INVALID_LENGTH"]


async def test_surveys_resolve_through_node_within_scope(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await published_survey(system, unit="32002")
    other = await published_survey(system, unit="31843")
    await sign_in(client, system, "staff", Role.FIELD_STAFF, "32002")
    query = "query($id: ID!) { node(id: $id) { id ... on Survey { title } } }"

    from strawberry import relay

    mine = await gql(client, query, {"id": str(relay.GlobalID("Survey", str(survey.id)))})
    theirs = await gql(client, query, {"id": str(relay.GlobalID("Survey", str(other.id)))})

    assert mine["data"]["node"]["title"] == survey.title
    assert theirs == {"data": {"node": None}}


# --- Defect 10: error floods ---------------------------------------------------------


async def test_ten_unknown_directives_give_a_bounded_error_list(
    client: httpx.AsyncClient, db: str
) -> None:
    directives = " ".join(f"@unknown{i}" for i in range(10))
    response = await _post(client, "{ viewer " + directives + " { username } }")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert len(errors) == limits.MAX_VALIDATION_ERRORS + 1
    assert errors[-1]["extensions"]["code"] == "TOO_MANY_ERRORS"


# --- Defect 8: several operations need operationName ---------------------------------


async def test_two_operations_without_operation_name_are_refused(
    client: httpx.AsyncClient, db: str
) -> None:
    document = "query A { viewer { username } } mutation B { logout { ok } }"

    refused = await _post(client, document)
    named = await _post(client, document, operationName="A")

    assert refused.status_code == 400
    assert _codes(refused) == ["OPERATION_NAME_REQUIRED"]
    assert "operationName" in refused.json()["errors"][0]["message"]
    assert named.json() == {"data": {"viewer": None}}


# --- Issue 14: refusals in the caller's language -------------------------------------


async def test_refusals_are_json_in_the_callers_language(
    client: httpx.AsyncClient, tree: object
) -> None:
    form = await client.post(
        "/graphql", content=b"query=x", headers={**VI, "content-type": "text/plain"}
    )
    foreign = await _post(client, "{ viewer { username } }", {**VI, "origin": "https://evil.vn"})
    costly = await _post(client, FIFTEEN_ALIASES, VI)

    assert (form.status_code, _codes(form)) == (415, ["UNSUPPORTED_MEDIA_TYPE"])
    assert (foreign.status_code, _codes(foreign)) == (403, ["CROSS_SITE"])
    assert form.json()["errors"][0]["message"].startswith("Hãy gửi")
    assert "trang web khác" in foreign.json()["errors"][0]["message"]
    assert "quá nhiều" in costly.json()["errors"][0]["message"]


async def test_a_bad_api_key_is_called_invalid_not_an_expired_session(
    client: httpx.AsyncClient, tree: object
) -> None:
    headers = {**EN, "authorization": "Bearer dxk_not-a-real-key"}

    response = await _post(client, "{ members { totalCount } }", headers)

    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["message"] == "Invalid or revoked API key."


async def test_a_key_without_the_scope_is_told_which_scope_it_needs(
    client: httpx.AsyncClient, system: Actor
) -> None:
    from accounts import services as accounts

    _key, raw = await accounts.create_api_key(system, name="Partner", scopes=["read:surveys"])
    headers = {**EN, "authorization": f"Bearer {raw}"}

    response = await _post(client, "{ members { totalCount } }", headers)

    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["extensions"]["requiredScope"] == "read:network"
    assert error["message"] == "This API key lacks the scope read:network."
