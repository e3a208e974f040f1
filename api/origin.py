"""Is a request from another site? One rule for /graphql, uploads and downloads (CSRF).

Same-site is the request's own scheme and ``Host`` (always ``https`` in production, where
cookies are ``Secure``, whatever a proxy forwards); ``DXNET_ALLOWED_ORIGINS`` adds more. Server-side
partners send no ``Origin``; browsers always send one on POST, and modern ones also send
``Sec-Fetch-Site``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request

from api.settings import Settings


def origin_allowed(origin: str, request: Request, settings: Settings) -> bool:
    origin = origin.rstrip("/").lower()
    if origin in (o.lower() for o in settings.allowed_origins):
        return True
    parts = urlsplit(origin)
    host = request.headers.get("host", "").lower()
    scheme = "https" if settings.cookie_secure else request.url.scheme
    return bool(parts.scheme == scheme and parts.netloc and parts.netloc == host)


def is_cross_site(request: Request, settings: Settings) -> bool:
    if request.headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = request.headers.get("origin")
    return origin is not None and not origin_allowed(origin, request, settings)
