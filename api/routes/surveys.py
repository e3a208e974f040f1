"""The surveys domain's HTTP routes: media answers in and out, responses out as a spreadsheet.

``POST /uploads/survey-photos/{clientId}/{questionKey}``: the body is the photo's bytes
(at most 10 MB; JPEG, PNG or WebP recognised from the bytes, whatever ``Content-Type``
says); its SHA-256 must be the answer the response gave ``questionKey``. ``clientId`` is
the response's, so a photo queued offline needs no server id; sending the same photo
again answers 200 instead of 201 and stores nothing. The answer says whether the
response is now complete (every photo arrived). Signed-in field staff and managers
(session), and the visitor who answered a public survey without an account (for a week,
rate-limited per address: the response's random ``clientId`` is what only that device
knows). CSRF: form-encodable content types and cross-site requests are refused, as on
``/graphql``. Errors are ``{"errors": [{"field", "code", "message"}]}``.

The same route takes a recording (AUDIO: MP3, AAC, M4A, 3GPP, Ogg, WebM, WAV, AMR) or a
file (FILE: PDF, DOCX, XLSX, JPEG, PNG, WebP, as the question's ``accept`` narrows
them), each at most 10 MB, by the kind of ``questionKey`` in the response's version
(decision 0038; the route keeps its name for the phones holding queued uploads).

``GET /files/survey-media/{clientId}/{questionKey}/{sha256}``: one stored media answer
as an attachment (its stored type, ``nosniff``, sandboxed), for whoever may export the
survey's responses (editors of the response's area, keys holding ``read:pii``); each
read is audited.

``GET /exports/survey-responses/{surveyId}.{fmt}``: ``surveyId`` is the survey's number
(the GraphQL global id is accepted too), ``fmt`` is ``csv`` or ``xlsx``, and
``?adminUnitCode=`` narrows to a subtree. Editors in scope (session cookie) and partner
keys holding ``read:pii`` may download: answers can hold personal data.

``GET /exports/survey-xlsform/{surveyId}.xlsx``: the survey's questions as an XLSForm
for ODK or KoBoToolbox (``surveys.xlsform_export``); editors in scope (session cookie).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry.relay import GlobalID
from tortoise.transactions import in_transaction

from api.auth import authenticate
from api.routes import DomainRoute
from api.routes.shared import (
    MEDIA_TYPES,
    error_response,
    export_error_response,
    language,
    signed_in_upload,
    spreadsheet_response,
)
from core.actor import Actor
from core.clock import today_in_vietnam
from core.errors import DomainError, NotFound, PermissionDenied, Unauthenticated
from network import admin_units
from surveys import exports, photos, xlsform_export

# A little above the photo limit, so a slightly larger file gets FILE_TOO_LARGE.
PHOTO_BODY_BYTES = photos.MAX_PHOTO_BYTES + 500_000


async def upload_survey_photo(request: Request) -> Response:
    """Store one photo answer of a response (201, or 200 when it was already there)."""
    auth = await signed_in_upload(request, visitors=True)
    if isinstance(auth, Response):
        return auth
    data = await request.body()
    try:
        await photos.admit(auth.actor, request.client.host if request.client else "")
        async with in_transaction():
            stored = await photos.store(
                auth.actor,
                client_id=request.path_params["client_id"],
                question_key=request.path_params["question_key"],
                data=data,
            )
    except DomainError as error:
        return error_response(error, language(request))
    photo = stored.photo
    return JSONResponse(
        {
            "sha256": photo.sha256,
            "contentType": photo.content_type,
            "size": photo.size,
            "isComplete": stored.complete,
        },
        status_code=201 if stored.created else 200,
    )


async def _downloader(request: Request) -> Actor:
    """The signed-in caller of a download; never a cross-site request."""
    actor = (await authenticate(request, request.app.state.settings)).actor
    if not actor.is_authenticated:
        raise Unauthenticated()
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise PermissionDenied()
    return actor


async def download_media(request: Request) -> Response:
    """One stored media answer (photo, recording, file) as an attachment, for editors
    of the response's area and keys holding ``read:pii``."""
    lang = language(request)
    try:
        actor = await _downloader(request)
        media, name = await photos.read_media(
            actor,
            client_id=request.path_params["client_id"],
            question_key=request.path_params["question_key"],
            sha256=request.path_params["sha256"],
        )
    except DomainError as error:
        return export_error_response(error, lang)
    return Response(
        bytes(media.data),
        media_type=media.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
        },
    )


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
    """Every response of a survey in the caller's scope, one row each."""
    lang = language(request)
    fmt = request.path_params["fmt"]
    code = request.query_params.get("adminUnitCode") or None
    try:
        actor = await _downloader(request)
        if fmt not in MEDIA_TYPES:
            raise NotFound()
        survey_id = _survey_id(request.path_params["survey_id"])
        within = await admin_units.get_in_scope(actor, code=code) if code else None
        content = await exports.export_responses(
            actor, survey_id=survey_id, fmt="xlsx" if fmt == "xlsx" else "csv", within=within
        )
    except DomainError as error:
        return export_error_response(error, lang)
    name = f"survey-{survey_id}-responses-{today_in_vietnam().isoformat()}.{fmt}"
    return spreadsheet_response(content, fmt, name)


async def download_xlsform(request: Request) -> Response:
    """A survey's questions as an XLSForm workbook, for editors of its area."""
    lang = language(request)
    try:
        actor = await _downloader(request)
        survey_id = _survey_id(request.path_params["survey_id"])
        name, content = await xlsform_export.export_survey(actor, survey_id=survey_id)
    except DomainError as error:
        return export_error_response(error, lang)
    return spreadsheet_response(content, "xlsx", name)


routes = [
    DomainRoute(
        "/uploads/survey-photos/{client_id}/{question_key}",
        upload_survey_photo,
        methods=["POST"],
        max_body_bytes=PHOTO_BODY_BYTES,
    ),
    DomainRoute(
        "/files/survey-media/{client_id}/{question_key}/{sha256}", download_media, methods=["GET"]
    ),
    DomainRoute("/exports/survey-responses/{survey_id}.{fmt}", download_responses, methods=["GET"]),
    DomainRoute("/exports/survey-xlsform/{survey_id}.xlsx", download_xlsform, methods=["GET"]),
]
