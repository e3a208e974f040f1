"""The Starlette application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from tortoise.connection import get_connection
from tortoise.contrib.starlette import RegisterTortoise

from api.activity_uploads import routes as activity_upload_routes
from api.calendar import routes as calendar_routes
from api.db import tortoise_config
from api.exports import routes as export_routes
from api.graphql import DXNetGraphQL
from api.logging import configure_logging
from api.middleware import BodyLimitMiddleware, RequestContextMiddleware
from api.settings import Settings, load_settings
from api.static import PWAFiles
from api.survey_exports import routes as survey_export_routes
from api.survey_uploads import routes as survey_upload_routes
from api.uploads import routes as upload_routes
from schema import schema


async def healthz(request: Request) -> JSONResponse:
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
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
            Route("/healthz", healthz, methods=["GET"]),
            *survey_export_routes,
            *export_routes,
            *upload_routes,
            *activity_upload_routes,
            *calendar_routes,
            *survey_upload_routes,
            Mount("/", PWAFiles(settings.pwa_dist)),
        ],
        middleware=[
            Middleware(RequestContextMiddleware),
            Middleware(
                BodyLimitMiddleware,
                max_bytes=settings.max_body_bytes,
                path_limits={
                    "/uploads/": 5_300_000,
                    "/uploads/field-photos/": 10_500_000,
                    "/uploads/survey-photos/": 10_500_000,
                },
            ),
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
