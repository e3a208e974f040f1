"""Plain ASGI middleware: request ids with JSON access logs, and a request body limit."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Sequence

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.routes import DomainRoute
from core.audit import current_request_id
from i18n import negotiate, translate

logger = logging.getLogger("dxnet.request")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    """Give every request an id (kept from a sane ``X-Request-ID``), echo it, log the request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            logger.info(
                "request",
                extra={
                    "request_id": request_id,
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            current_request_id.reset(token)


class BodyTooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Refuse request bodies over the limit with 413, whether declared or streamed.

    ``max_bytes`` applies everywhere except where the request matches a
    :class:`~api.routes.DomainRoute` with its own ``max_body_bytes``. The route is found
    among ``routes`` (the app's) as Starlette's router will find it (the first full
    match, else the first match by path only), before any of the body is read.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, routes: Sequence[BaseRoute] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.routes = list(routes)

    def limit_for(self, scope: Scope) -> int:
        """The body limit of the route ``scope`` matches, or the default."""
        partial: BaseRoute | None = None
        for route in self.routes:
            match, _child_scope = route.matches(scope)
            if match is Match.FULL:
                return self._limit_of(route)
            if match is Match.PARTIAL and partial is None:
                partial = route
        return self._limit_of(partial) if partial is not None else self.max_bytes

    def _limit_of(self, route: BaseRoute) -> int:
        if isinstance(route, DomainRoute) and route.max_body_bytes is not None:
            return route.max_body_bytes
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(scope, receive, send, limit)
            return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not response_started:
                await self._refuse(scope, receive, send, limit)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        headers = dict(scope["headers"])
        lang = negotiate(headers.get(b"accept-language", b"").decode("latin-1"))
        max_mb = round(limit / 1_000_000, 1)
        message = translate("error.PAYLOAD_TOO_LARGE", lang, max_mb=f"{max_mb:g}")
        body = {"errors": [{"message": message, "extensions": {"code": "PAYLOAD_TOO_LARGE"}}]}
        await JSONResponse(body, status_code=413)(scope, receive, send)
