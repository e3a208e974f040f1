"""Trusted documents (decision 0030): in production a browser runs only the documents of
the PWA's allow-list; partner keys run any document; development runs anything."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from graphql import parse

from accounts import services as accounts
from api.app import create_app
from api.settings import Settings, load_settings
from api.trusted import TrustedDocuments, TrustedDocumentsError, document_hash
from core.actor import Actor, Role
from schema import schema
from schema.core.limits import LIMIT_RULES, validate_document
from tests.helpers import JSON, LOGIN, PASSWORD, make_user, write_allow_list

VIEWER = "query Viewer { viewer { username } }"
UNITS = "query Units { adminUnits(first: 1) { edges { node { code } } } }"
OTHER = "query Other { adminUnits(first: 2) { edges { node { code name } } } }"


def _client(settings: Settings, **headers: str) -> httpx.AsyncClient:
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.40", 50000))
    # https: the production session cookie is Secure.
    return httpx.AsyncClient(
        transport=transport, base_url="https://testserver", headers={**JSON, **headers}
    )


@pytest.fixture
def production(settings: Settings, tmp_path: Path) -> Settings:
    allow_list = write_allow_list(tmp_path / "trusted-documents.json", LOGIN, VIEWER, UNITS)
    return replace(settings, env="production", trusted_documents=allow_list)


@pytest.fixture
async def browser(production: Settings, db: str) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(production, origin="https://testserver") as http:
        yield http


def _codes(response: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json().get("errors", [])]


async def test_anonymous_browser_runs_listed_documents_only(
    browser: httpx.AsyncClient, tree: object
) -> None:
    listed = await browser.post("/graphql", json={"query": UNITS})
    other = await browser.post("/graphql", json={"query": OTHER})
    english = await browser.post(
        "/graphql", json={"query": OTHER}, headers={"accept-language": "en"}
    )

    assert listed.status_code == 200 and listed.json()["data"]["adminUnits"]["edges"]
    assert other.status_code == 400 and _codes(other) == ["DOCUMENT_NOT_TRUSTED"]
    assert other.json()["errors"][0]["message"].startswith("Máy chủ chỉ chạy các thao tác")
    assert english.json()["errors"][0]["message"].startswith("This server runs only")
    assert "data" not in other.json() or other.json()["data"] is None


async def test_a_changed_byte_is_another_document(browser: httpx.AsyncClient, tree: object) -> None:
    response = await browser.post("/graphql", json={"query": UNITS + " "})
    assert _codes(response) == ["DOCUMENT_NOT_TRUSTED"]


async def test_signed_in_session_runs_listed_documents_only(
    browser: httpx.AsyncClient, system: Actor
) -> None:
    await make_user(system, "trusted.manager", Role.UNIT_MANAGER, "31825")
    variables = {"input": {"username": "trusted.manager", "password": PASSWORD}}
    signed_in = await browser.post("/graphql", json={"query": LOGIN, "variables": variables})
    assert signed_in.json()["data"]["login"]["errors"] == []

    viewer = await browser.post("/graphql", json={"query": VIEWER})
    other = await browser.post("/graphql", json={"query": "{ viewer { username roles } }"})

    assert viewer.json()["data"] == {"viewer": {"username": "trusted.manager"}}
    assert other.status_code == 400 and _codes(other) == ["DOCUMENT_NOT_TRUSTED"]


async def test_partner_key_runs_any_document(production: Settings, system: Actor) -> None:
    _, raw = await accounts.create_api_key(system, name="trusted partner", scopes=["read:network"])
    async with _client(production, authorization=f"Bearer {raw}") as partner:
        response = await partner.post("/graphql", json={"query": OTHER})
    assert response.status_code == 200
    assert len(response.json()["data"]["adminUnits"]["edges"]) == 2


async def test_an_invalid_key_is_told_so_and_runs_nothing(
    production: Settings, tree: object
) -> None:
    async with _client(production, authorization="Bearer not-a-key") as partner:
        response = await partner.post(
            "/graphql", json={"query": OTHER}, headers={"accept-language": "en"}
        )
    assert response.status_code == 401
    assert _codes(response) == ["UNAUTHENTICATED"]
    assert response.json()["errors"][0]["message"] == "Invalid or revoked API key."


async def test_a_document_named_by_its_hash_alone_runs(
    browser: httpx.AsyncClient, tree: object
) -> None:
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": document_hash(UNITS)}}
    by_hash = await browser.post("/graphql", json={"extensions": persisted})
    unknown = {"persistedQuery": {"version": 1, "sha256Hash": document_hash(OTHER)}}
    missing = await browser.post("/graphql", json={"extensions": unknown})
    # A listed hash does not vouch for another document sent with it.
    mismatch = await browser.post("/graphql", json={"query": OTHER, "extensions": persisted})

    assert by_hash.status_code == 200 and by_hash.json()["data"]["adminUnits"]["edges"]
    assert missing.status_code == 400 and _codes(missing) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert _codes(mismatch) == ["DOCUMENT_NOT_TRUSTED"]


async def test_production_without_an_allow_list_trusts_nothing(
    settings: Settings, tmp_path: Path, tree: object
) -> None:
    missing = replace(settings, env="production", trusted_documents=tmp_path / "none.json")
    async with _client(missing) as browser:
        response = await browser.post("/graphql", json={"query": UNITS})
    assert _codes(response) == ["DOCUMENT_NOT_TRUSTED"]


async def test_development_runs_any_document(client: httpx.AsyncClient, tree: object) -> None:
    response = await client.post("/graphql", json={"query": OTHER}, headers=JSON)
    assert response.status_code == 200 and response.json()["data"]["adminUnits"]["edges"]


def test_a_tampered_allow_list_stops_the_start(tmp_path: Path) -> None:
    path = tmp_path / "trusted-documents.json"
    path.write_text(
        json.dumps({"algorithm": "sha256", "documents": {document_hash(UNITS): OTHER}}),
        encoding="utf-8",
    )
    with pytest.raises(TrustedDocumentsError, match="does not match"):
        TrustedDocuments.load(path, enforced=True)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(TrustedDocumentsError, match="not a trusted-documents file"):
        TrustedDocuments.load(path, enforced=True)


def test_the_allow_list_is_read_from_the_pwa_build_unless_set(tmp_path: Path) -> None:
    base = {"DXNET_VAR_DIR": str(tmp_path), "DXNET_PWA_DIST": str(tmp_path / "dist")}
    default = load_settings(base)
    chosen = load_settings({**base, "DXNET_TRUSTED_DOCUMENTS": str(tmp_path / "ops.json")})
    assert default.trusted_documents == tmp_path / "dist" / "trusted-documents.json"
    assert chosen.trusted_documents == tmp_path / "ops.json"
    assert not default.trusted_documents_only
    production = load_settings({**base, "DXNET_ENV": "production", "DXNET_SECRET_KEY": "s" * 40})
    assert production.trusted_documents_only


BUILT = Path(__file__).resolve().parents[2] / "pwa" / "dist" / "trusted-documents.json"


def test_every_document_of_the_built_pwa_is_valid_within_the_limits() -> None:
    """The PWA's allow-list against this schema and its limits: a renamed field or an
    over-priced query fails here, not on a phone in production."""
    if not BUILT.is_file():
        pytest.skip("pwa/dist is not built (cd pwa && npm run build)")
    listed = TrustedDocuments.load(BUILT, enforced=True).documents
    assert len(listed) > 40
    problems = {}
    for text in listed.values():
        errors = validate_document(schema._schema, parse(text), LIMIT_RULES)
        if errors:
            problems[text[:60]] = [e.message for e in errors]
    assert not problems
