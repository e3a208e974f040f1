"""What the domains' HTTP routes share: CSRF refusal, sign-in, JSON error bodies.

GraphQL has no multipart here, so files arrive as the request body of small Starlette
routes (``/uploads/...``). Their errors are ``{"errors": [{"field", "code", "message"}]}``
in the caller's language, with an HTTP status that matches the code
(:func:`error_response`). Downloads (``/exports/...``) answer errors in GraphQL's shape,
``{"errors": [{"message", "extensions": {"code"}}]}`` (:func:`export_error_response`).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from api.auth import Authentication, authenticate
from api.origin import is_cross_site
from api.settings import Settings
from core.errors import DomainError, NotFound, PermissionDenied, Unauthenticated
from i18n import Language, negotiate, translate

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
