"""The built PWA at ``/``, or a page that says how to build it.

Caching follows what Vite and the service worker need: files under ``/assets/`` carry
a content hash in their names, so browsers may keep them for a year; everything else
(``index.html``, ``sw.js``, the web manifest, icons) is revalidated on every use
(``no-cache``), so a new build is seen at once and the service worker can offer it.
Pages of the app get a Content-Security-Policy that allows only this origin (and
``blob:``/``data:`` images, for photo previews).

The build (``pwa/scripts/compress.mjs``) writes a Brotli (``.br``) and a gzip (``.gz``)
copy beside every text file; when the browser's ``Accept-Encoding`` takes one, that copy
is sent as is with ``Content-Encoding`` (Brotli first), the original's type, and
``Vary: Accept-Encoding`` (on every response that has copies, so caches keep each variant
apart). On a slow 3G line this is most of the first visit: the initial JavaScript is
about a third of its size in gzip.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

from i18n import negotiate, translate

_NOT_BUILT = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DXNet</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}}
code{{background:#f2f2f2;padding:.1rem .3rem}}</style></head>
<body><h1>DXNet</h1><p>{body}</p><p><code>make run</code></p>
<p><a href="/graphql">GraphQL</a> · <a href="/healthz">/healthz</a></p></body></html>
"""

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' blob: data:",
        # recordings kept on the phone play back from blob: URLs (AUDIO answers)
        "media-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def cache_control(path: str) -> str:
    """``Cache-Control`` for a path of the built PWA."""
    return IMMUTABLE if path.startswith("/assets/") else REVALIDATE


def _with_headers(send: Send, path: str) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] in (200, 304):
            headers = MutableHeaders(scope=message)
            headers["Cache-Control"] = cache_control(path)
            headers["X-Content-Type-Options"] = "nosniff"
            if headers.get("content-type", "").startswith("text/html"):
                headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
                headers["Referrer-Policy"] = "same-origin"
        await send(message)

    return sending


# Precompressed copies the build writes, in the order they are preferred.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header: str) -> set[str]:
    """The content codings an ``Accept-Encoding`` header allows (``q=0`` refuses one)."""
    accepted: set[str] = set()
    for part in header.split(","):
        name, *params = (piece.strip() for piece in part.split(";"))
        quality = next((p[2:] for p in params if p.lower().startswith("q=")), "1")
        try:
            allowed = float(quality) > 0
        except ValueError:
            allowed = False
        if name and allowed:
            accepted.add(name.lower())
    return accepted


class PrecompressedFiles(StaticFiles):
    """``StaticFiles`` that sends a file's ``.br`` or ``.gz`` copy when the client takes it
    (conditional requests and ``HEAD`` behave as for the original)."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        path = str(full_path)
        copies = [
            (coding, Path(path + suffix))
            for coding, suffix in ENCODINGS
            if Path(path + suffix).is_file()
        ]
        if not copies:
            return super().file_response(full_path, stat_result, scope, status_code)
        accepted = accepted_encodings(Headers(scope=scope).get("accept-encoding", ""))
        chosen = next(((coding, copy) for coding, copy in copies if coding in accepted), None)
        if chosen is None:
            response = super().file_response(full_path, stat_result, scope, status_code)
        else:
            coding, copy = chosen
            response = super().file_response(copy, copy.stat(), scope, status_code)
            response.headers["Content-Encoding"] = coding
            media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            if media_type.startswith("text/") or media_type == "application/javascript":
                media_type += "; charset=utf-8"
            response.headers["Content-Type"] = media_type
        response.headers["Vary"] = "Accept-Encoding"
        return response


class PWAFiles:
    """Serve ``pwa/dist``; unknown paths fall back to ``index.html`` (client-side routes)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        index = self.directory / "index.html"
        if not index.is_file():
            request = Request(scope, receive)
            lang = negotiate(request.headers.get("accept-language"))
            page = _NOT_BUILT.format(lang=lang, body=translate("page.pwa_not_built", lang))
            await HTMLResponse(page, status_code=503)(scope, receive, send)
            return
        path = str(scope.get("path", "/"))
        files = PrecompressedFiles(directory=self.directory, html=True, check_dir=False)
        try:
            await files(scope, receive, _with_headers(send, path))
        except Exception as error:  # StaticFiles raises HTTPException(404) for unknown paths
            if getattr(error, "status_code", None) != 404:
                raise
            if path.startswith("/assets/"):  # a missing hashed file must not become HTML
                await Response(status_code=404)(scope, receive, send)
                return
            response: Response = FileResponse(index)
            await response(scope, receive, _with_headers(send, "/index.html"))
