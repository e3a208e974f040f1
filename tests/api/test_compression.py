"""Compression: the PWA's precompressed files and gzipped GraphQL answers, nothing else
(exports stay as they are), and no in-browser IDE that needs a CDN."""

from __future__ import annotations

import gzip
from pathlib import Path

import httpx
import pytest

from api.app import GRAPHQL_GZIP_MIN_BYTES, create_app
from api.settings import Settings
from api.static import accepted_encodings
from core.actor import Actor, Role
from tests.helpers import JSON, sign_in

SCRIPT = "console.log('xin chào');\n" * 200
BROTLI_COPY = b"\x1b\x00brotli-copy"
UNITS = "{ adminUnits(first: 100) { edges { node { code name kind path } } } }"


@pytest.fixture
def built(settings: Settings, tmp_path: Path, db: str) -> httpx.AsyncClient:
    """A client of an app serving a build with .br and .gz copies of its script."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>DXNet PWA</title>", encoding="utf-8")
    script = dist / "assets" / "app-1234.js"
    script.write_text(SCRIPT, encoding="utf-8")
    Path(f"{script}.gz").write_bytes(gzip.compress(SCRIPT.encode()))
    # the server never decodes a copy: a marker stands in for Brotli (no Python codec here)
    Path(f"{script}.br").write_bytes(BROTLI_COPY)
    (dist / "plain.txt").write_text("no copies", encoding="utf-8")
    app = create_app(Settings(**{**settings.__dict__, "pwa_dist": dist}), manage_database=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


@pytest.mark.parametrize(
    ("accept", "coding", "decode"),
    [
        ("br, gzip", "br", lambda raw: SCRIPT.encode() if raw == BROTLI_COPY else raw),
        ("gzip, deflate, br;q=0", "gzip", gzip.decompress),
        ("identity", None, bytes),
        ("br;q=0, gzip;q=0", None, bytes),
    ],
)
async def test_a_precompressed_copy_is_sent_when_the_browser_takes_it(
    built: httpx.AsyncClient, accept: str, coding: str | None, decode: object
) -> None:
    # stream: httpx must not decode, so the bytes on the wire are checked
    async with (
        built as client,
        client.stream(
            "GET", "/assets/app-1234.js", headers={"accept-encoding": accept}
        ) as response,
    ):
        raw = b"".join([chunk async for chunk in response.aiter_raw()])

    assert response.status_code == 200
    assert response.headers.get("content-encoding") == coding
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert int(response.headers["content-length"]) == len(raw)
    assert decode(raw) == SCRIPT.encode()  # type: ignore[operator]
    if coding:
        assert len(raw) < len(SCRIPT) / 10


async def test_a_compressed_copy_revalidates_by_its_own_etag(built: httpx.AsyncClient) -> None:
    async with built as client:
        first = await client.get("/assets/app-1234.js", headers={"accept-encoding": "br"})
        again = await client.get(
            "/assets/app-1234.js",
            headers={"accept-encoding": "br", "if-none-match": first.headers["etag"]},
        )
        plain = await client.get("/assets/app-1234.js", headers={"accept-encoding": "identity"})

    assert again.status_code == 304
    assert plain.headers["etag"] != first.headers["etag"]  # each variant its own validator


async def test_files_without_copies_are_sent_as_they_are(built: httpx.AsyncClient) -> None:
    async with built as client:
        response = await client.get("/plain.txt", headers={"accept-encoding": "br, gzip"})

    assert response.text == "no copies"
    assert "content-encoding" not in response.headers and "vary" not in response.headers


def test_accept_encoding_is_read_with_its_weights() -> None:
    assert accepted_encodings("gzip, deflate, br") == {"gzip", "deflate", "br"}
    assert accepted_encodings("br;q=0, GZIP;q=0.5, *;q=0") == {"gzip"}
    assert accepted_encodings("br;q=x, ") == set()


async def test_graphql_answers_are_gzipped_past_the_minimum(
    client: httpx.AsyncClient, tree: object
) -> None:
    big = await client.post(
        "/graphql", json={"query": UNITS}, headers={**JSON, "accept-encoding": "gzip"}
    )
    small = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={**JSON, "accept-encoding": "gzip"}
    )
    unasked = await client.post(
        "/graphql", json={"query": UNITS}, headers={**JSON, "accept-encoding": "identity"}
    )

    assert big.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in big.headers["vary"]
    assert len(big.json()["data"]["adminUnits"]["edges"]) == 64  # decoded by httpx
    assert len(unasked.content) > GRAPHQL_GZIP_MIN_BYTES
    assert int(big.headers["content-length"]) < len(unasked.content) / 4
    assert "content-encoding" not in small.headers
    assert "content-encoding" not in unasked.headers


async def test_exports_are_not_recompressed(client: httpx.AsyncClient, system: Actor) -> None:
    await sign_in(client, system, "admin", Role.PROVINCE_ADMIN, "96")
    response = await client.get(
        "/exports/members.xlsx", params={"adminUnitCode": "96"}, headers={"accept-encoding": "gzip"}
    )

    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert response.content[:2] == b"PK"  # the XLSX (a ZIP) itself


async def test_no_graphql_ide_is_served(client: httpx.AsyncClient, db: str) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})

    assert response.status_code != 200
    assert "graphiql" not in response.text.lower() and "cdn" not in response.text.lower()
