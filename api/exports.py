"""Downloading the registry as a spreadsheet: ``GET /exports/{kind}.{fmt}``.

``kind`` is ``members`` or ``organizations``, ``fmt`` is ``csv`` or ``xlsx``, and
``?adminUnitCode=`` narrows the export to a subtree. Unit managers and province admins
(session cookie) and partner keys holding ``read:network`` may download; personal data
is included only where the caller may read it (see ``network.exports``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.auth import authenticate
from api.origin import is_cross_site
from core.actor import Actor
from core.errors import DomainError, NotFound, PermissionDenied, Unauthenticated
from i18n import Language, negotiate, translate
from network import admin_units, exports
from network.access import require_editor, require_reader
from network.exports import Format
from network.models import AdminUnit

Exporter = Callable[..., Awaitable[bytes]]
EXPORTERS: dict[str, Exporter] = {
    "members": exports.export_members,
    "organizations": exports.export_organizations,
}
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
STATUS = {Unauthenticated: 401, PermissionDenied: 403, NotFound: 404}


async def download(request: Request) -> Response:
    lang = negotiate(request.headers.get("accept-language"))
    kind, fmt = request.path_params["kind"], request.path_params["fmt"]
    code = request.query_params.get("adminUnitCode") or None
    try:
        actor = await _exporter(request)
        if kind not in EXPORTERS or fmt not in MEDIA_TYPES:
            raise NotFound()
        within = await admin_units.get_in_scope(actor, code=code) if code else None
        content = await EXPORTERS[kind](actor, within=within, fmt=_format(fmt))
    except DomainError as error:
        return _refusal(error, lang)
    return Response(
        content,
        media_type=MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{file_name(kind, fmt, within)}"',
            "Cache-Control": "no-store",
        },
    )


async def _exporter(request: Request) -> Actor:
    """Editors by session, or partner keys with ``read:network``; never a cross-site request."""
    actor = (await authenticate(request, request.app.state.settings)).actor
    if actor.kind == "api_key":
        require_reader(actor)
    else:
        require_editor(actor)
    if is_cross_site(request, request.app.state.settings):
        raise PermissionDenied()
    return actor


def _format(fmt: str) -> Format:
    return "xlsx" if fmt == "xlsx" else "csv"


def file_name(kind: str, fmt: str, within: AdminUnit | None) -> str:
    """e.g. 'members-32002-2025-09-30.xlsx' (unit codes are ASCII)."""
    scope = f"-{within.code}" if within is not None else ""
    return f"{kind}{scope}-{date.today().isoformat()}.{fmt}"


def _refusal(error: DomainError, lang: Language) -> JSONResponse:
    status = next((s for cls, s in STATUS.items() if isinstance(error, cls)), 400)
    message = translate(f"error.{error.code}", lang, **error.params)
    body = {"errors": [{"message": message, "extensions": {"code": error.code}}]}
    return JSONResponse(body, status_code=status)


routes = [Route("/exports/{kind}.{fmt}", download, methods=["GET"])]
