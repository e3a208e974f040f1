"""Turns (decision 0039): a worker runs at most ``graphql_concurrency`` operations at
once; the rest wait their turn, and one that waits longer than ``graphql_queue_seconds``
is answered 503 ``SERVER_BUSY`` in the caller's language."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import httpx
import pytest

from api.app import create_app
from api.settings import Settings, load_settings

JSON = {"content-type": "application/json"}


def _client(settings: Settings, **changes: object) -> httpx.AsyncClient:
    app = create_app(replace(settings, **changes), manage_database=False)  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def _query(code: str) -> dict[str, object]:
    return {"query": f'{{ adminUnit(code: "{code}") {{ code }} }}'}


async def test_no_more_operations_run_at_once_than_the_worker_has_turns(
    settings: Settings, tree: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from network import admin_units

    real_get = admin_units.get
    running, most = 0, 0

    async def counted_get(**kwargs: object) -> object:
        nonlocal running, most
        running += 1
        most = max(most, running)
        try:
            await asyncio.sleep(0.05)  # the work of a heavier query
            return await real_get(**kwargs)  # type: ignore[arg-type]
        finally:
            running -= 1

    monkeypatch.setattr(admin_units, "get", counted_get)
    async with _client(settings, graphql_concurrency=2) as client:
        answers = await asyncio.gather(
            *(client.post("/graphql", json=_query("32002"), headers=JSON) for _ in range(6))
        )

    assert [a.json() for a in answers] == [{"data": {"adminUnit": {"code": "32002"}}}] * 6
    assert most == 2


async def test_a_request_that_waits_too_long_for_its_turn_is_told_the_server_is_busy(
    settings: Settings, tree: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from network import admin_units

    real_get = admin_units.get
    holding, release = asyncio.Event(), asyncio.Event()

    async def gated_get(**kwargs: object) -> object:
        if kwargs.get("code") == "96":
            holding.set()
            await release.wait()
        return await real_get(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(admin_units, "get", gated_get)
    async with _client(settings, graphql_concurrency=1, graphql_queue_seconds=0.2) as client:
        first = asyncio.create_task(client.post("/graphql", json=_query("96"), headers=JSON))
        await holding.wait()  # the only turn is taken
        busy = await client.post(
            "/graphql", json=_query("32002"), headers={**JSON, "accept-language": "vi"}
        )
        release.set()
        done = await first
        after = await client.post("/graphql", json=_query("32002"), headers=JSON)

    assert busy.status_code == 503
    assert busy.headers["retry-after"] == "5"
    (error,) = busy.json()["errors"]
    assert error["extensions"] == {"code": "SERVER_BUSY"}
    assert "0.2 giây" in error["message"]
    assert done.json() == {"data": {"adminUnit": {"code": "96"}}}
    assert after.json() == {"data": {"adminUnit": {"code": "32002"}}}


def test_turns_are_configured_from_the_environment() -> None:
    defaults = load_settings({})
    assert (defaults.graphql_concurrency, defaults.graphql_queue_seconds) == (8, 20.0)
    chosen = load_settings({"DXNET_GRAPHQL_CONCURRENCY": "0", "DXNET_GRAPHQL_QUEUE_SECONDS": "3"})
    assert (chosen.graphql_concurrency, chosen.graphql_queue_seconds) == (0, 3.0)
