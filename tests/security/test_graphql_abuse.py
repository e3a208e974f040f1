"""The GraphQL abuse catalogue of the OWASP GraphQL Cheat Sheet, one row per attack,
against a production-mode app.

Each row is sent twice: by a partner key (which may send any document, so the limits are
what stops it: the row's ``code``), and by an anonymous browser (which may send only the
PWA's documents: ``DOCUMENT_NOT_TRUSTED`` before any limit runs, unless the transport
refuses it first). Add a row for a new attack; no row may answer 5xx.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest

from accounts import services as accounts
from api.app import create_app
from api.settings import Settings
from core.actor import Actor, ApiScope
from network.models import AdminUnit
from schema.core import limits
from tests.security.conftest import World

pytestmark = pytest.mark.db

UNITS = "adminUnits(first: 1) { edges { node { code } } }"


def nested(depth: int) -> str:
    inner = "{ code }"
    for _ in range(depth):
        inner = "{ children(first: 1) { edges { node " + inner + " } } }"
    return '{ adminUnit(code: "96") ' + inner + " }"


@dataclass(frozen=True)
class Attack:
    status: int
    code: str
    # The request: a GraphQL body (``json``), or raw ``content`` with headers, or GET.
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "POST"
    params: dict[str, str] | None = None
    # Whether a browser is refused by the transport (this code) before trusted documents.
    transport: bool = False
    no_suggestion: bool = False


CATALOGUE: dict[str, Attack] = {
    "aliases: one field asked 16 times": Attack(
        400,
        "TOO_MANY_ALIASES",
        {"query": "{ " + " ".join(f"a{i}: {UNITS}" for i in range(limits.MAX_ALIASES + 1)) + " }"},
    ),
    "batching: an array of operations": Attack(
        400, "BAD_REQUEST", [{"query": f"{{ {UNITS} }}"}] * 3, transport=True
    ),
    "batching: one operation per alias of a mutation": Attack(
        400,
        "TOO_MANY_ALIASES",
        {"query": "mutation { " + " ".join(f"l{i}: logout {{ ok }}" for i in range(16)) + " }"},
    ),
    "directives overloading: 21 directives": Attack(
        400,
        "TOO_MANY_DIRECTIVES",
        {"query": "{ viewer { " + "username @include(if: true) " * 21 + "} }"},
    ),
    "directives overloading: 50 unknown directives": Attack(
        400, "TOO_MANY_ERRORS", {"query": "{ viewer " + "@x " * 50 + "{ username } }"}
    ),
    "field suggestions": Attack(
        400, "UNKNOWN_FIELD", {"query": "{ viewr { username } }"}, no_suggestion=True
    ),
    "argument suggestions": Attack(
        400,
        "UNKNOWN_ARGUMENT",
        {"query": "{ adminUnits(frist: 1) { totalCount } }"},
        no_suggestion=True,
    ),
    "type suggestions": Attack(
        400,
        "UNKNOWN_TYPE",
        {"query": "query($id: Membr) { viewer { username } }"},
        no_suggestion=True,
    ),
    "introspection: __schema": Attack(
        400, "INTROSPECTION_DISABLED", {"query": "{ __schema { types { name } } }"}
    ),
    "introspection: __type": Attack(
        400, "INTROSPECTION_DISABLED", {"query": '{ __type(name: "Member") { fields { name } } }'}
    ),
    "GET with a mutation": Attack(
        405,
        "METHOD_NOT_ALLOWED",
        method="GET",
        params={"query": "mutation { logout { ok } }"},
        transport=True,
    ),
    "GET with a query": Attack(
        405, "METHOD_NOT_ALLOWED", method="GET", params={"query": f"{{ {UNITS} }}"}, transport=True
    ),
    "CSRF: text/plain": Attack(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        content=b'{"query": "mutation { logout { ok } }"}',
        headers={"content-type": "text/plain"},
        transport=True,
    ),
    "CSRF: a multipart form without a preflight header": Attack(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        content=b'--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        b'{"query": "mutation { logout { ok } }"}\r\n--x--\r\n',
        headers={"content-type": "multipart/form-data; boundary=x"},
        transport=True,
    ),
    "CSRF: an url-encoded form": Attack(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        content=b"query=mutation+%7B+logout+%7B+ok+%7D+%7D",
        headers={"content-type": "application/x-www-form-urlencoded"},
        transport=True,
    ),
    "depth: 13 levels of nesting": Attack(400, "TOO_DEEP", {"query": nested(limits.MAX_DEPTH)}),
    "cost: nested connections of 100": Attack(
        400,
        "QUERY_TOO_COMPLEX",
        {
            "query": "{ adminUnits(first: 100) { edges { node { children(first: 100) { edges {"
            " node { children(first: 100) { edges { node { code } } } } } } } } } }"
        },
    ),
    "fragment cycle": Attack(
        400,
        "FRAGMENT_CYCLE",
        {
            "query": "query { viewer { ...A } } fragment A on Viewer { username ...B }"
            " fragment B on Viewer { displayName ...A }"
        },
    ),
    "field duplication past the token limit": Attack(
        400, "TOO_MANY_TOKENS", {"query": "{ viewer { " + "username " * 3100 + "} }"}
    ),
    "several operations without operationName": Attack(
        400,
        "OPERATION_NAME_REQUIRED",
        {"query": "query A { viewer { username } } query B { viewer { username } }"},
    ),
    "JSON nested past the decoder's bound": Attack(
        400,
        "BAD_REQUEST_BODY",
        content=b'{"query": "{ viewer { username } }", "variables": {"a": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}}",
        headers={"content-type": "application/json"},
        transport=True,
    ),
}


@dataclass
class Production:
    key: httpx.AsyncClient
    browser: httpx.AsyncClient


@pytest.fixture(scope="module")
async def production(world: World) -> AsyncIterator[Production]:
    settings: Settings = world.app.state.settings
    app = create_app(
        replace(settings, env="production", trusted_documents=None), manage_database=False
    )
    tree = await AdminUnit.get(code="96")
    _, raw = await accounts.create_api_key(
        Actor.system(tree.path, tree.code),
        name="abuse catalogue",
        scopes=[str(s) for s in ApiScope],
    )
    transport = httpx.ASGITransport(app=app, client=("203.0.113.90", 50000))
    base = "https://testserver"
    key = httpx.AsyncClient(
        transport=transport, base_url=base, headers={"authorization": f"Bearer {raw}"}
    )
    browser = httpx.AsyncClient(transport=transport, base_url=base, headers={"origin": base})
    try:
        yield Production(key, browser)
    finally:
        await key.aclose()
        await browser.aclose()


async def _send(client: httpx.AsyncClient, attack: Attack, lang: str) -> httpx.Response:
    headers = {"accept-language": lang, **attack.headers}
    if attack.method == "GET":
        return await client.get("/graphql", params=attack.params, headers=headers)
    if attack.content is not None:
        return await client.post("/graphql", content=attack.content, headers=headers)
    body = json.dumps(attack.json).encode()
    headers["content-type"] = "application/json"
    return await client.post("/graphql", content=body, headers=headers)


def _codes(response: httpx.Response) -> list[str]:
    return [str((e.get("extensions") or {}).get("code")) for e in response.json()["errors"]]


@pytest.mark.parametrize("name", list(CATALOGUE))
async def test_abuse_catalogue(production: Production, name: str) -> None:
    attack = CATALOGUE[name]
    for lang in ("vi", "en"):
        by_key = await _send(production.key, attack, lang)
        assert by_key.status_code == attack.status, (lang, by_key.text[:500])
        assert attack.code in _codes(by_key), (lang, by_key.text[:500])
        assert len(by_key.json()["errors"]) <= limits.MAX_VALIDATION_ERRORS + 1
        if attack.no_suggestion:
            assert "Did you mean" not in by_key.text
            assert "Có phải" not in by_key.text

    by_browser = await _send(production.browser, attack, "vi")
    expected = attack.code if attack.transport else "DOCUMENT_NOT_TRUSTED"
    assert expected in _codes(by_browser), by_browser.text[:500]
    assert by_browser.status_code < 500
