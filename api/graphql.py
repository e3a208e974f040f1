"""The GraphQL endpoint: CSRF and content-type checks, context, HTTP status for bad documents."""

from __future__ import annotations

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry import Schema
from strawberry.asgi import GraphQL
from strawberry.http.typevars import RootValue
from strawberry.types import ExecutionResult

from api.auth import SESSION_COOKIE, authenticate, session_policy
from api.origin import is_cross_site
from api.settings import Settings
from i18n import negotiate
from schema.core.context import Context, SchemaSettings


class DXNetGraphQL(GraphQL[Context, RootValue]):
    def __init__(self, schema: Schema, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.is_development else None,
            allow_queries_via_get=False,
            multipart_uploads_enabled=False,
        )
        self.settings = settings
        self.schema_settings = schema_settings(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        refusal = self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    def _refusal(self, request: Request) -> Response | None:
        """CSRF defence: JSON only (no simple cross-site forms), and no foreign ``Origin``.

        Partner apps using API keys send no ``Origin``; browsers always send one on POST.
        """
        if request.method == "GET":
            return None  # only the development IDE answers GET; operations are refused
        if request.method != "POST":
            return Response("Method not allowed", status_code=405)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return Response("Content-Type must be application/json", status_code=415)
        if is_cross_site(request, self.settings):
            return Response("Cross-origin request refused", status_code=403)
        return None

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        auth = await authenticate(request, self.settings)
        if auth.error and auth.session_token:
            response.delete_cookie(SESSION_COOKIE, path="/")
        return Context(
            request=request,
            response=response,
            settings=self.schema_settings,
            actor=auth.actor,
            lang=negotiate(request.headers.get("accept-language")),
            request_id=request.scope.get("state", {}).get("request_id", "-"),
            session_policy=session_policy(self.settings),
            auth_error=auth.error,
            session_token=auth.session_token,
        )

    async def execute_single(self, *args, **kwargs) -> ExecutionResult:  # type: ignore[no-untyped-def]
        result = await super().execute_single(*args, **kwargs)
        # A document that does not parse or validate never ran: answer 400, not 200.
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            kwargs["sub_response"].status_code = 400
        return result


def schema_settings(settings: Settings) -> SchemaSettings:
    """The part of the settings the GraphQL adapter reads."""
    return SchemaSettings(
        secret_key=settings.secret_key,
        is_development=settings.is_development,
        cookie_secure=settings.cookie_secure,
        focal_point_kinds=settings.focal_point_kinds,
        focal_point_min_qualification=settings.focal_point_min_qualification,
        trained_period_days=settings.trained_period_days,
        emulation_weights=settings.emulation_weights,
    )


__all__ = ["DXNetGraphQL", "HTTPException"]
