"""Photo answers of survey responses:
``POST /uploads/survey-photos/{clientId}/{questionKey}``.

The body is the photo's bytes (at most 10 MB; JPEG, PNG or WebP recognised from the
bytes, whatever ``Content-Type`` says); its SHA-256 must be the answer the response
gave ``questionKey``. ``clientId`` is the response's, so a photo queued offline needs no
server id; sending the same photo again answers 200 instead of 201 and stores nothing.
The answer says whether the response is now complete (every photo arrived). Signed-in field staff and
managers (session), and the visitor who answered a public survey without an account
(for a week, rate-limited per address: the response's random ``clientId`` is what
only that device knows). CSRF: form-encodable content types and cross-site requests are
refused, as on ``/graphql``. Errors are ``{"errors": [{"field", "code", "message"}]}``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from tortoise.transactions import in_transaction

from api.raw_uploads import error_response, language, signed_in_upload
from core.errors import DomainError
from surveys import photos


async def upload_survey_photo(request: Request) -> Response:
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


routes = [
    Route(
        "/uploads/survey-photos/{client_id}/{question_key}",
        upload_survey_photo,
        methods=["POST"],
    )
]
