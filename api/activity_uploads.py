"""Photos of field activities: ``POST /uploads/field-photos/{clientId}``.

The body is the photo's bytes (at most 10 MB; JPEG, PNG or WebP recognised from the
bytes, whatever ``Content-Type`` says). ``clientId`` is the one the device gave
``logFieldActivity``, so a photo queued offline needs no server id; sending the same
photo again answers 200 instead of 201 and stores nothing. Signed-in field staff and
managers (session) only. CSRF: form-encodable content types and cross-site requests are
refused, as on ``/graphql``. Errors are ``{"errors": [{"field", "code", "message"}]}``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from tortoise.transactions import in_transaction

from activities import photos
from api.raw_uploads import error_response, language, signed_in_upload
from core.errors import DomainError


async def upload_field_photo(request: Request) -> Response:
    auth = await signed_in_upload(request)
    if isinstance(auth, Response):
        return auth
    data = await request.body()
    try:
        async with in_transaction():
            stored = await photos.store(
                auth.actor, client_id=request.path_params["client_id"], data=data
            )
    except DomainError as error:
        return error_response(error, language(request))
    photo = stored.photo
    return JSONResponse(
        {"sha256": photo.sha256, "contentType": photo.content_type, "size": photo.size},
        status_code=201 if stored.created else 200,
    )


routes = [Route("/uploads/field-photos/{client_id}", upload_field_photo, methods=["POST"])]
