"""The built PWA at ``/``, or a page that says how to build it."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

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
        files = StaticFiles(directory=self.directory, html=True, check_dir=False)
        try:
            await files(scope, receive, send)
        except Exception as error:  # StaticFiles raises HTTPException(404) for unknown paths
            if getattr(error, "status_code", None) != 404:
                raise
            response: Response = FileResponse(index, headers={"Cache-Control": "no-cache"})
            await response(scope, receive, send)
