"""What the domains' HTTP routes share: CSRF refusal, sign-in, JSON error bodies.

GraphQL has no multipart here, so files arrive as the request body of small Starlette
routes (``/uploads/...``). Their errors are ``{"errors": [{"field", "code", "message"}]}``
in the caller's language, with an HTTP status that matches the code
(:func:`error_response`). Downloads (``/exports/...``) answer errors in GraphQL's shape,
``{"errors": [{"message", "extensions": {"code"}}]}`` (:func:`export_error_response`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from tortoise.transactions import in_transaction

from api.auth import Authentication, authenticate
from api.origin import is_cross_site
from api.settings import Settings
from core.actor import Actor
from core.errors import DomainError, NotFound, PermissionDenied, Unauthenticated
from core.photos import StoredPhoto
from i18n import Language, negotiate, translate

T = TypeVar("T")

# Content types a cross-site HTML form can send without a CORS preflight.
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}
STATUS = {
    "FILE_TOO_LARGE": 413,
    "UNSUPPORTED_ATTACHMENT_TYPE": 415,
    "UNSUPPORTED_ARTICLE_ATTACHMENT_TYPE": 415,
    "UNSUPPORTED_PHOTO_TYPE": 415,
    "UNSUPPORTED_ANSWER_FILE_TYPE": 415,
    "UNSUPPORTED_MEDIA_TYPE": 415,
    "RATE_LIMITED": 429,
    "FORBIDDEN": 403,
    "UNAUTHENTICATED": 401,
    "NOT_FOUND": 404,
    "ARTICLE_ATTACHMENT_NOT_FOUND": 404,
    "FIELD_LOG_NOT_FOUND": 404,
    "DELIVERY_LOG_NOT_FOUND": 404,
    "ENGAGEMENT_NOT_FOUND": 404,
    "SURVEY_RESPONSE_NOT_FOUND": 404,
    "PHOTO_NOT_EXPECTED": 409,
}
EXPORT_STATUS = {Unauthenticated: 401, PermissionDenied: 403, NotFound: 404}
# Spreadsheet downloads: the ``fmt`` of ``/exports/….{fmt}`` and what it is sent as.
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def spreadsheet_response(content: bytes, fmt: str, name: str) -> Response:
    """A CSV or XLSX export (``fmt``) downloaded as ``name``, kept by no cache."""
    return Response(
        content,
        media_type=MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


def language(request: Request) -> Language:
    """The caller's language, from ``Accept-Language`` (Vietnamese by default)."""
    return negotiate(request.headers.get("accept-language"))


def error_response(error: DomainError, lang: Language) -> JSONResponse:
    """An upload's refusal: ``{"errors": [{"field", "code", "message"}]}``, status by code."""
    message = translate(f"error.{error.code}", lang, **error.params)
    body = {"errors": [{"field": error.field, "code": error.code, "message": message}]}
    headers = {}
    retry_after = getattr(error, "retry_after_seconds", None)
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return JSONResponse(body, status_code=STATUS.get(error.code, 400), headers=headers)


def export_error_response(error: DomainError, lang: Language) -> JSONResponse:
    """A download's refusal, shaped as GraphQL errors: ``{"errors": [{"message",
    "extensions": {"code"}}]}``; 401, 403 or 404 by the error's class, else 400."""
    status = next((s for cls, s in EXPORT_STATUS.items() if isinstance(error, cls)), 400)
    message = translate(f"error.{error.code}", lang, **error.params)
    body = {"errors": [{"message": message, "extensions": {"code": error.code}}]}
    return JSONResponse(body, status_code=status)


def is_form_post(request: Request) -> bool:
    """Whether the body's content type is one a cross-site HTML form may send."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return content_type in FORM_TYPES


async def signed_in_upload(
    request: Request, *, visitors: bool = False
) -> Authentication | JSONResponse:
    """The caller of an upload, or the refusal to send: a form-encodable body or a
    cross-site request (CSRF) is forbidden; an anonymous caller is unauthenticated
    unless ``visitors`` are welcome, and a stale credential always is."""
    settings: Settings = request.app.state.settings
    if is_form_post(request) or is_cross_site(request, settings):
        return error_response(DomainError("FORBIDDEN"), language(request))
    auth = await authenticate(request, settings)
    if auth.error or (not visitors and not auth.actor.is_authenticated):
        return error_response(DomainError("UNAUTHENTICATED"), language(request))
    return auth


async def upload_body(
    request: Request, store: Callable[[Actor, bytes], Awaitable[T]]
) -> T | Response:
    """``store(actor, body)`` for a signed-in caller, in a transaction, or the response
    to send instead: the refusal of :func:`signed_in_upload`, or the domain's refusal
    as an :func:`error_response`."""
    auth = await signed_in_upload(request)
    if isinstance(auth, Response):
        return auth
    data = await request.body()
    try:
        async with in_transaction():
            return await store(auth.actor, data)
    except DomainError as error:
        return error_response(error, language(request))


def kept_upload_response(upload: Any) -> JSONResponse:
    """201 for a file kept until a save claims it by its ``uploadId`` (an article's or an
    initiative's attachment): ``{"uploadId", "sha256", "contentType", "size",
    "fileName", "expiresAt"}``."""
    expires_at = upload.expires_at
    return JSONResponse(
        {
            "uploadId": upload.token,
            "sha256": upload.sha256,
            "contentType": upload.content_type,
            "size": upload.size,
            "fileName": upload.file_name,
            "expiresAt": expires_at.isoformat() if expires_at else None,
        },
        status_code=201,
    )


def client_photo_upload(
    store: Callable[..., Awaitable[StoredPhoto[Any]]],
) -> Callable[[Request], Awaitable[Response]]:
    """A route that stores the body as a photo of the record a device created offline
    (``/uploads/…/{client_id}``).

    ``store(actor, client_id=..., data=...)`` is the domain's photo service (finding the
    record and checking the caller, then :func:`core.photos.store_once`). The route
    answers 201, or 200 when the photo was already there.
    """

    async def upload(request: Request) -> Response:
        client_id = request.path_params["client_id"]
        stored = await upload_body(
            request, lambda actor, data: store(actor, client_id=client_id, data=data)
        )
        if isinstance(stored, Response):
            return stored
        photo = stored.photo
        return JSONResponse(
            {"sha256": photo.sha256, "contentType": photo.content_type, "size": photo.size},
            status_code=201 if stored.created else 200,
        )

    return upload
