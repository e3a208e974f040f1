"""Photo answers of survey responses:
``POST /uploads/survey-photos/{clientId}/{questionKey}``.

The body is the photo's bytes (at most 10 MB; JPEG, PNG or WebP recognised from the
bytes, whatever ``Content-Type`` says); its SHA-256 must be the answer the response
gave ``questionKey``. ``clientId`` is the response's, so a photo queued offline needs no
server id; sending the same photo again answers 200 instead of 201 and stores nothing.
The answer says whether the response is now complete (every photo arrived). Signed-in field staff and
managers (session) only. CSRF: form-encodable content types and cross-site requests are
refused, as on ``/graphql``. Errors are ``{"errors": [{"field", "code", "message"}]}``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from tortoise.transactions import in_transaction

from api.auth import authenticate
from api.origin import is_cross_site
from api.settings import Settings
from i18n import Language, negotiate, translate
from network.errors import DomainError
from surveys import photos

_FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}
_STATUS = {
    "FILE_TOO_LARGE": 413,
    "UNSUPPORTED_PHOTO_TYPE": 415,
    "FORBIDDEN": 403,
    "UNAUTHENTICATED": 401,
    "SURVEY_RESPONSE_NOT_FOUND": 404,
    "PHOTO_NOT_EXPECTED": 409,
}


def _error(error: DomainError, lang: Language) -> JSONResponse:
    message = translate(f"error.{error.code}", lang, **error.params)
    body = {"errors": [{"field": error.field, "code": error.code, "message": message}]}
    return JSONResponse(body, status_code=_STATUS.get(error.code, 400))


async def upload_survey_photo(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    lang = negotiate(request.headers.get("accept-language"))
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in _FORM_TYPES or is_cross_site(request, settings):
        return _error(DomainError("FORBIDDEN"), lang)
    auth = await authenticate(request, settings)
    if not auth.actor.is_authenticated:
        return _error(DomainError("UNAUTHENTICATED"), lang)
    data = await request.body()
    try:
        async with in_transaction():
            stored = await photos.store(
                auth.actor,
                client_id=request.path_params["client_id"],
                question_key=request.path_params["question_key"],
                data=data,
            )
    except DomainError as error:
        return _error(error, lang)
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


routes = [
    Route(
        "/uploads/survey-photos/{client_id}/{question_key}",
        upload_survey_photo,
        methods=["POST"],
    )
]
