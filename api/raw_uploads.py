"""What the raw-body upload endpoints share: CSRF refusal, sign-in, JSON errors.

GraphQL has no multipart here, so files arrive as the request body of small Starlette
routes (``/uploads/...``). Errors are ``{"errors": [{"field", "code", "message"}]}`` in
the caller's language, with an HTTP status that matches the code.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from api.auth import Authentication, authenticate
from api.origin import is_cross_site
from api.settings import Settings
from core.errors import DomainError
from i18n import Language, negotiate, translate

# Content types a cross-site HTML form can send without a CORS preflight.
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}
STATUS = {
    "FILE_TOO_LARGE": 413,
    "UNSUPPORTED_ATTACHMENT_TYPE": 415,
    "UNSUPPORTED_PHOTO_TYPE": 415,
    "UNSUPPORTED_MEDIA_TYPE": 415,
    "RATE_LIMITED": 429,
    "FORBIDDEN": 403,
    "UNAUTHENTICATED": 401,
    "NOT_FOUND": 404,
    "FIELD_LOG_NOT_FOUND": 404,
    "SURVEY_RESPONSE_NOT_FOUND": 404,
    "PHOTO_NOT_EXPECTED": 409,
}


def language(request: Request) -> Language:
    return negotiate(request.headers.get("accept-language"))


def error_response(error: DomainError, lang: Language) -> JSONResponse:
    message = translate(f"error.{error.code}", lang, **error.params)
    body = {"errors": [{"field": error.field, "code": error.code, "message": message}]}
    headers = {}
    retry_after = getattr(error, "retry_after_seconds", None)
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return JSONResponse(body, status_code=STATUS.get(error.code, 400), headers=headers)


def is_form_post(request: Request) -> bool:
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
