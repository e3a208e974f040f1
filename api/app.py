"""The Starlette application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Mount, Route
from tortoise.connection import get_connection
from tortoise.contrib.starlette import RegisterTortoise

from api.db import tortoise_config
from api.graphql import DXNetGraphQL
from api.logging import configure_logging
from api.middleware import BodyLimitMiddleware, RequestContextMiddleware
from api.routes import DomainRoutes, activities, knowledge, network, recognition, support, surveys
from api.settings import Settings, load_settings
from api.static import PWAFiles
from schema import schema

# GraphQL answers are JSON, often tens of KB of repeated keys: gzip them past this size
# (smaller ones gain less than the header costs). Only /graphql is wrapped: uploads
# take bodies, exports are ZIP files already, and the PWA's files are precompressed
# (api/static.py). Level 6 is nearly level 9's size at a fraction of its CPU.
GRAPHQL_GZIP_MIN_BYTES = 1024
GRAPHQL_GZIP_LEVEL = 6

# Each domain's HTTP routes (api/routes/<domain>.py), with their body limits.
DOMAINS: tuple[DomainRoutes, ...] = (
    network,
    recognition,
    activities,
    surveys,
    knowledge,
    support,
)


async def healthz(request: Request) -> JSONResponse:
    """200 when the database answers, else 503 (for load balancers and orchestrators)."""
    try:
        await get_connection("default").execute_query("SELECT 1")
    except Exception:  # any database failure means "not healthy"
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})


def create_app(settings: Settings | None = None, *, manage_database: bool = True) -> Starlette:
    """Build the app. Tests that manage the ORM themselves pass ``manage_database=False``."""
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        async with RegisterTortoise(app, config=tortoise_config(settings.database_url)):
            yield

    graphql = DXNetGraphQL(schema, settings)
    routes: list[BaseRoute] = [
        Route(
            "/graphql",
            GZipMiddleware(
                graphql, minimum_size=GRAPHQL_GZIP_MIN_BYTES, compresslevel=GRAPHQL_GZIP_LEVEL
            ),
            methods=["GET", "POST", "PUT", "DELETE", "PATCH"],
        ),
        Route("/healthz", healthz, methods=["GET"]),
        *(route for domain in DOMAINS for route in domain.routes),
        Mount("/", PWAFiles(settings.pwa_dist)),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(RequestContextMiddleware),
            Middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes, routes=routes),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    return app


def app_from_environment() -> Starlette:
    """The uvicorn factory used by ``dxnet serve`` (``--factory api.app:app_from_environment``)."""
    settings = load_settings()
    configure_logging(settings.log_level)
    return create_app(settings)
