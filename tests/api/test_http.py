"""The HTTP shell: health check, the PWA (or how to build it), request ids and logs."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.logging import JsonFormatter
from api.settings import Settings
from core.actor import Actor, Role
from tests.helpers import LOGIN, PASSWORD, gql, make_user


async def test_healthz_checks_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_missing_pwa_build_shows_how_to_build_it(client: httpx.AsyncClient) -> None:
    vi = await client.get("/")
    en = await client.get("/", headers={"accept-language": "en"})

    assert vi.status_code == en.status_code == 503
    assert "make run" in vi.text and "Ứng dụng web chưa được build" in vi.text
    assert "The web app has not been built yet" in en.text


async def test_built_pwa_is_served_with_client_side_route_fallback(
    settings: Settings, tmp_path: Path, db: str
) -> None:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>DXNet PWA</title>", encoding="utf-8")
    (dist / "assets" / "app.js").write_text("console.log(1)", encoding="utf-8")
    app = create_app(Settings(**{**settings.__dict__, "pwa_dist": dist}), manage_database=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        index = await c.get("/")
        asset = await c.get("/assets/app.js")
        route = await c.get("/surveys/42")

    assert index.status_code == 200 and "DXNet PWA" in index.text
    assert asset.text == "console.log(1)"
    assert route.status_code == 200 and "DXNet PWA" in route.text


async def test_every_response_carries_a_request_id(client: httpx.AsyncClient) -> None:
    generated = await client.get("/healthz")
    kept = await client.get("/healthz", headers={"x-request-id": "abc-12345678"})
    refused = await client.get("/healthz", headers={"x-request-id": "<script>"})

    assert len(generated.headers["x-request-id"]) == 32
    assert kept.headers["x-request-id"] == "abc-12345678"
    assert refused.headers["x-request-id"] != "<script>"


async def test_request_logs_are_json_without_personal_data(
    client: httpx.AsyncClient, system: Actor, caplog: pytest.LogCaptureFixture
) -> None:
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    caplog.set_level(logging.INFO)

    await gql(client, LOGIN, {"input": {"username": "hoa.nguyen", "password": PASSWORD}})

    records = [r for r in caplog.records if r.name == "dxnet.request"]
    assert len(records) == 1
    line = json.loads(JsonFormatter().format(records[0]))
    assert {k: line[k] for k in ("method", "path", "status")} == {
        "method": "POST",
        "path": "/graphql",
        "status": 200,
    }
    assert len(line["request_id"]) == 32 and line["duration_ms"] >= 0
    everything = "\n".join(JsonFormatter().format(r) for r in caplog.records)
    assert "hoa.nguyen" not in everything and PASSWORD not in everything
