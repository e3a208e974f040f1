"""The GraphQL endpoint: CSRF and content-type checks, context, turns and the time
budget of a query, and HTTP status for bad documents. Every refusal is JSON in the
caller's language.

Turns (decision 0039): a worker runs at most ``graphql_concurrency`` operations at once;
the others wait, in arrival order, up to ``graphql_queue_seconds`` (then 503
``SERVER_BUSY``). A query's time budget starts when its turn does, so a burst queues
instead of every request in it sharing the CPU until all of them time out."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry import Schema
from strawberry.asgi import GraphQL
from strawberry.http.typevars import RootValue
from strawberry.types import ExecutionResult

from api.auth import INVALID_API_KEY, authenticate, session_policy
from api.origin import is_cross_site
from api.settings import Settings
from api.trusted import TrustedDocuments, document_hash, persisted_hash
from i18n import Language, negotiate, translate
from schema.accounts.mutations import clear_session_cookies
from schema.core.context import Context, SchemaSettings
from schema.core.errors import present_refusal


class Refused(Exception):
    """A request refused before any GraphQL runs: answered as translated JSON."""

    def __init__(self, status: int, code: str, **params: Any) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.params = params


def refusal_response(request: Request, refused: Refused) -> JSONResponse:
    lang: Language = negotiate(request.headers.get("accept-language"))
    message = translate(f"error.{refused.code}", lang, **refused.params)
    body = {"errors": [{"message": message, "extensions": {"code": refused.code}}]}
    return JSONResponse(body, status_code=refused.status)


class Busy(Exception):
    """No turn came within the queue's wait."""


class DXNetGraphQL(GraphQL[Context, RootValue]):
    def __init__(self, schema: Schema, settings: Settings) -> None:
        super().__init__(
            schema,
            # no in-browser IDE: Strawberry's GraphiQL loads its code from a CDN, so it
            # stays on "Loading…" without internet (decision 0021)
            graphql_ide=None,
            allow_queries_via_get=False,
            multipart_uploads_enabled=False,
        )
        self.settings = settings
        self.schema_settings = schema_settings(settings)
        self.trusted = TrustedDocuments.load(
            settings.trusted_documents, enforced=settings.trusted_documents_only
        )
        self.turns = (
            asyncio.Semaphore(settings.graphql_concurrency)
            if settings.graphql_concurrency
            else None
        )

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for one of the worker's turns (Busy after the queue's wait)."""
        if self.turns is None:
            yield
            return
        try:
            async with asyncio.timeout(self.settings.graphql_queue_seconds or None):
                await self.turns.acquire()
        except TimeoutError:
            raise Busy() from None
        try:
            yield
        finally:
            self.turns.release()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        response: Response
        try:
            self._check(request)
            response = await self.run(request)
        except Refused as refused:
            response = refusal_response(request, refused)
        except HTTPException as error:
            if error.status_code == 404:
                response = Response(status_code=404)
            else:
                bad = Refused(error.status_code, "BAD_REQUEST", detail=error.reason)
                response = refusal_response(request, bad)
        await response(scope, receive, send)

    def _check(self, request: Request) -> None:
        """CSRF defence: JSON only (no simple cross-site forms), and no foreign ``Origin``.

        Partner apps using API keys send no ``Origin``; browsers always send one on POST.
        """
        if request.method == "GET":
            if "query" in request.query_params:
                raise Refused(405, "METHOD_NOT_ALLOWED")  # no operation over GET (no CSRF)
            return  # Strawberry answers GET itself: no IDE and no queries via GET
        if request.method != "POST":
            raise Refused(405, "METHOD_NOT_ALLOWED")
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise Refused(415, "UNSUPPORTED_MEDIA_TYPE")
        if is_cross_site(request, self.settings):
            raise Refused(403, "CROSS_SITE")

    def decode_json(self, data: str | bytes) -> object:
        """Decode the body, refusing what is not a JSON object (or a batch of them) with
        a client error: invalid UTF-8, bad JSON, a bare string or number, and nesting
        deeper than the decoder's recursion bound (about 1,000 levels; the C decoder
        stops there, so this costs nothing on ordinary bodies)."""
        try:
            decoded = json.loads(data)
        except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError
            raise Refused(400, "BAD_REQUEST_BODY") from None
        if not isinstance(decoded, (dict, list)) or (
            isinstance(decoded, list) and not all(isinstance(item, dict) for item in decoded)
        ):
            raise Refused(400, "BAD_REQUEST_BODY")
        return decoded

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        auth = await authenticate(request, self.settings)
        if auth.error and auth.session_token:
            clear_session_cookies(response)
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

    def _trusted_document(self, context: Context, kwargs: dict[str, Any]) -> GraphQLError | None:
        """Resolve a document named by its hash, and, where trusted documents are enforced,
        refuse any other document from a browser (decision 0030). Returns the refusal."""
        data = kwargs["request_data"]
        named = persisted_hash(data.extensions)
        if data.query is None and named is not None:
            document = self.trusted.lookup(named)
            if document is None:
                return _refusal(context, "PERSISTED_QUERY_NOT_FOUND")
            kwargs["request_data"] = data = dataclasses.replace(data, query=document)
        if not self.trusted.enforced or context.actor.kind == "api_key":
            return None
        if context.auth_error == INVALID_API_KEY:
            # A key was sent but is not valid: say so rather than run it as a browser.
            return _refusal(context, "UNAUTHENTICATED", message_key=INVALID_API_KEY)
        query = data.query
        if not isinstance(query, str) or not self.trusted.trusts(query):
            return _refusal(context, "DOCUMENT_NOT_TRUSTED")
        if named is not None and named.lower() != document_hash(query):
            return _refusal(context, "DOCUMENT_NOT_TRUSTED")
        return None

    async def execute_single(self, *args, **kwargs) -> ExecutionResult:  # type: ignore[no-untyped-def]
        context: Context = kwargs["context"]
        refusal = self._trusted_document(context, kwargs)
        if refusal is not None:
            unauthenticated = (refusal.extensions or {}).get("code") == "UNAUTHENTICATED"
            kwargs["sub_response"].status_code = 401 if unauthenticated else 400
            return ExecutionResult(data=None, errors=[refusal])
        try:
            # No deadline yet: ``RequestLimits`` sets it when a query starts executing,
            # so mutations (one transaction each, bounded by their inputs) run to the end.
            async with self.turn(), asyncio.timeout(None) as deadline:
                context.deadline = deadline
                result = await super().execute_single(*args, **kwargs)
        except Busy:
            kwargs["sub_response"].status_code = 503
            kwargs["sub_response"].headers["Retry-After"] = "5"
            seconds = f"{self.settings.graphql_queue_seconds:g}"
            message = translate("error.SERVER_BUSY", context.lang, seconds=seconds)
            busy = GraphQLError(message, extensions={"code": "SERVER_BUSY"})
            return ExecutionResult(data=None, errors=[busy])
        except TimeoutError:
            seconds = f"{self.schema_settings.operation_timeout_seconds:g}"
            message = translate("error.OPERATION_TIMEOUT", context.lang, seconds=seconds)
            kwargs["sub_response"].status_code = 503
            error = GraphQLError(message, extensions={"code": "OPERATION_TIMEOUT"})
            return ExecutionResult(data=None, errors=[error])
        finally:
            context.deadline = None
        # A document that does not parse or validate never ran: answer 400, not 200.
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            kwargs["sub_response"].status_code = 400
            result.errors = [present_refusal(e, context.lang) for e in result.errors]
        return result


def _refusal(context: Context, code: str, message_key: str | None = None) -> GraphQLError:
    message = translate(f"error.{message_key or code}", context.lang)
    return GraphQLError(message, extensions={"code": code})


def schema_settings(settings: Settings) -> SchemaSettings:
    """The part of the settings the GraphQL adapter reads."""
    return SchemaSettings(
        secret_key=settings.secret_key,
        is_development=settings.is_development,
        cookie_secure=settings.cookie_secure,
        focal_point_kinds=settings.focal_point_kinds,
        focal_point_min_qualification=settings.focal_point_min_qualification,
        trained_period_days=settings.trained_period_days,
        kpi_max_age_seconds=settings.kpi_max_age_seconds,
        emulation_weights=settings.emulation_weights,
        operation_timeout_seconds=settings.graphql_timeout_seconds,
        assistant_url=settings.assistant_url,
        assistant_key=settings.assistant_key,
        assistant_model=settings.assistant_model,
    )


__all__ = ["DXNetGraphQL", "HTTPException", "Refused"]
