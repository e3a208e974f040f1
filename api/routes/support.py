"""The expert-support domain's HTTP routes: delivery photos in.

``POST /uploads/delivery-photos/{clientId}``: the body is the photo's bytes (at most 10 MB;
JPEG, PNG or WebP recognised from the bytes, whatever ``Content-Type`` says). ``clientId``
is the one the device gave ``recordEngagementDelivery``, so a photo queued offline needs
no server id; sending the same photo again answers 200 instead of 201 and stores nothing.
Signed-in partners and the request unit's field staff (session) only. CSRF: form-encodable
content types and cross-site requests are refused, as on ``/graphql``. Errors are
``{"errors": [{"field", "code", "message"}]}``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from tortoise.transactions import in_transaction

from api.routes import DomainRoute
from api.routes.shared import error_response, language, signed_in_upload
from core.errors import DomainError
from support import photos

# A little above the photo limit, so a slightly larger file gets FILE_TOO_LARGE.
PHOTO_BODY_BYTES = photos.MAX_PHOTO_BYTES + 500_000


async def upload_delivery_photo(request: Request) -> Response:
    """Store one photo of an engagement's delivery (201, or 200 when it was already there)."""
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


routes = [
    DomainRoute(
        "/uploads/delivery-photos/{client_id}",
        upload_delivery_photo,
        methods=["POST"],
        max_body_bytes=PHOTO_BODY_BYTES,
    ),
]
