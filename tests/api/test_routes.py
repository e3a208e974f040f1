"""Each domain's HTTP routes: the URLs the app serves and the body limit of each."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from starlette.routing import Route
from starlette.types import Scope

from api.app import DOMAINS, create_app
from api.middleware import BodyLimitMiddleware
from api.routes import DomainRoute
from api.settings import Settings

DEFAULT = 1_000_000
# Every domain route: (path, methods, body limit); URLs are a contract with the PWA.
EXPECTED = {
    ("/exports/{kind}.{fmt}", ("GET", "HEAD"), None),
    ("/uploads/initiative-attachments", ("POST",), 5_300_000),
    ("/uploads/initiative-attachments/{attachment_id:int}", ("GET", "HEAD"), None),
    ("/uploads/field-photos/{client_id}", ("POST",), 10_500_000),
    ("/calendar/member/{token}.ics", ("GET", "HEAD"), None),
    ("/calendar/unit/{code}.ics", ("GET", "HEAD"), None),
    ("/certificates/{token}", ("GET", "HEAD"), None),
    ("/uploads/survey-photos/{client_id}/{question_key}", ("POST",), 10_500_000),
    ("/exports/survey-responses/{survey_id}.{fmt}", ("GET", "HEAD"), None),
    ("/files/survey-media/{client_id}/{question_key}/{sha256}", ("GET", "HEAD"), None),
    ("/exports/survey-xlsform/{survey_id}.xlsx", ("GET", "HEAD"), None),
    ("/uploads/article-attachments", ("POST",), 10_500_000),
    ("/uploads/article-attachments/{attachment_id:int}", ("GET", "HEAD"), None),
    ("/uploads/delivery-photos/{client_id}", ("POST",), 10_500_000),
}


def _middleware(tmp_path: Path) -> BodyLimitMiddleware:
    settings = Settings(
        database_url=f"sqlite://{tmp_path}/unused.sqlite3",
        env="test",
        secret_key="test-secret-key-" + "x" * 32,
        var_dir=tmp_path,
        pwa_dist=tmp_path / "no-pwa",
    )
    app = create_app(settings, manage_database=False)
    return BodyLimitMiddleware(app, max_bytes=DEFAULT, routes=app.router.routes)


def _scope(method: str, path: str) -> Scope:
    return {"type": "http", "method": method, "path": path, "root_path": "", "headers": []}


def test_every_domain_route_is_declared_with_its_body_limit() -> None:
    declared = {
        (route.path, tuple(sorted(route.methods or ())), route.max_body_bytes)
        for domain in DOMAINS
        for route in domain.routes
    }

    assert all(isinstance(r, DomainRoute) for d in DOMAINS for r in d.routes)
    assert declared == {(path, tuple(sorted(m)), limit) for path, m, limit in EXPECTED}


def test_the_app_serves_graphql_health_and_every_domain_route(tmp_path: Path) -> None:
    routes = _middleware(tmp_path).routes
    paths = [route.path for route in routes if isinstance(route, Route)]

    assert paths[:2] == ["/graphql", "/healthz"]
    assert sorted(paths[2:]) == sorted(path for path, _m, _l in EXPECTED)


@pytest.mark.parametrize(
    ("method", "path", "limit"),
    [
        ("POST", "/graphql", DEFAULT),
        ("POST", "/uploads/initiative-attachments", 5_300_000),
        ("POST", "/uploads/field-photos/c-1", 10_500_000),
        ("POST", "/uploads/survey-photos/c-1/anh", 10_500_000),
        ("POST", "/uploads/article-attachments", 10_500_000),
        ("GET", "/exports/members.csv", DEFAULT),
        ("GET", "/calendar/unit/96.ics", DEFAULT),
        # No domain route (a wrong method, an unknown path): the PWA's files, as the
        # router sends them, under the default.
        ("PUT", "/uploads/field-photos/c-1", DEFAULT),
        ("POST", "/uploads/unknown", DEFAULT),
        ("GET", "/", DEFAULT),
    ],
)
def test_the_body_limit_is_the_matched_routes(
    tmp_path: Path, method: str, path: str, limit: int
) -> None:
    assert _middleware(tmp_path).limit_for(_scope(method, path)) == limit


def test_a_route_limit_must_be_positive() -> None:
    async def endpoint() -> None: ...

    with pytest.raises(RuntimeError, match="must be positive"):
        DomainRoute("/x", endpoint, max_body_bytes=0)


async def test_an_upload_route_accepts_more_than_the_graphql_limit(
    client: httpx.AsyncClient,
) -> None:
    body = b"\xff\xd8\xff" + b"0" * 2_000_000
    headers = {"content-type": "image/jpeg"}

    photo = await client.post("/uploads/field-photos/c-1", content=body, headers=headers)
    graphql = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )

    assert (photo.status_code, photo.json()["errors"][0]["code"]) == (401, "UNAUTHENTICATED")
    assert (graphql.status_code, graphql.json()["errors"][0]["extensions"]["code"]) == (
        413,
        "PAYLOAD_TOO_LARGE",
    )
