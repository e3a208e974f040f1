"""The network domain's HTTP routes: the registry as a spreadsheet,
``GET /exports/{kind}.{fmt}``.

``kind`` is ``members`` or ``organizations``, ``fmt`` is ``csv`` or ``xlsx``, and
``?adminUnitCode=`` narrows the export to a subtree. Unit managers and province admins
(session cookie) and partner keys holding ``read:network`` may download; personal data
is included only where the caller may read it (see ``network.exports``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from api.auth import authenticate
from api.origin import is_cross_site
from api.routes import DomainRoute
from api.routes.shared import (
    MEDIA_TYPES,
    export_error_response,
    language,
    spreadsheet_response,
)
from core.actor import Actor
from core.clock import today_in_vietnam
from core.errors import DomainError, NotFound, PermissionDenied
from network import admin_units, exports
from network.access import require_editor, require_reader
from network.exports import Format
from network.models import AdminUnit

Exporter = Callable[..., Awaitable[bytes]]
EXPORTERS: dict[str, Exporter] = {
    "members": exports.export_members,
    "organizations": exports.export_organizations,
}


async def download(request: Request) -> Response:
    """The members or organisations of the caller's scope (or of ``adminUnitCode``)."""
    lang = language(request)
    kind, fmt = request.path_params["kind"], request.path_params["fmt"]
    code = request.query_params.get("adminUnitCode") or None
    try:
        actor = await _exporter(request)
        if kind not in EXPORTERS or fmt not in MEDIA_TYPES:
            raise NotFound()
        within = await admin_units.get_in_scope(actor, code=code) if code else None
        content = await EXPORTERS[kind](actor, within=within, fmt=_format(fmt))
    except DomainError as error:
        return export_error_response(error, lang)
    return spreadsheet_response(content, fmt, file_name(kind, fmt, within))


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
    return f"{kind}{scope}-{today_in_vietnam().isoformat()}.{fmt}"


routes = [DomainRoute("/exports/{kind}.{fmt}", download, methods=["GET"])]
