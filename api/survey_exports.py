"""Downloading a survey's responses: ``GET /exports/survey-responses/{surveyId}.{fmt}``.

``surveyId`` is the survey's number (the GraphQL global id is accepted too), ``fmt`` is
``csv`` or ``xlsx``, and ``?adminUnitCode=`` narrows to a subtree. Editors in scope
(session cookie) and partner keys holding ``read:pii`` may download: answers can hold
personal data.
"""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from strawberry.relay import GlobalID

from api.auth import authenticate
from api.exports import MEDIA_TYPES, _refusal
from core.errors import DomainError, NotFound, PermissionDenied, Unauthenticated
from i18n import negotiate
from network import admin_units
from surveys import exports


def _survey_id(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    try:
        node = GlobalID.from_id(raw)
    except Exception:  # any malformed id is simply not found
        raise NotFound("SURVEY_NOT_FOUND") from None
    if node.type_name != "Survey" or not node.node_id.isdigit():
        raise NotFound("SURVEY_NOT_FOUND")
    return int(node.node_id)


async def download_responses(request: Request) -> Response:
    lang = negotiate(request.headers.get("accept-language"))
    fmt = request.path_params["fmt"]
    code = request.query_params.get("adminUnitCode") or None
    try:
        actor = (await authenticate(request, request.app.state.settings)).actor
        if not actor.is_authenticated:
            raise Unauthenticated()
        if request.headers.get("sec-fetch-site") == "cross-site":
            raise PermissionDenied()
        if fmt not in MEDIA_TYPES:
            raise NotFound()
        survey_id = _survey_id(request.path_params["survey_id"])
        within = await admin_units.get_in_scope(actor, code=code) if code else None
        content = await exports.export_responses(
            actor, survey_id=survey_id, fmt="xlsx" if fmt == "xlsx" else "csv", within=within
        )
    except DomainError as error:
        return _refusal(error, lang)
    name = f"survey-{survey_id}-responses-{date.today().isoformat()}.{fmt}"
    return Response(
        content,
        media_type=MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


routes = [Route("/exports/survey-responses/{survey_id}.{fmt}", download_responses, methods=["GET"])]
