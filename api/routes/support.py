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

from api.routes import DomainRoute
from api.routes.shared import client_photo_upload
from support import photos

# A little above the photo limit, so a slightly larger file gets FILE_TOO_LARGE.
PHOTO_BODY_BYTES = photos.MAX_PHOTO_BYTES + 500_000


upload_delivery_photo = client_photo_upload(photos.store)


routes = [
    DomainRoute(
        "/uploads/delivery-photos/{client_id}",
        upload_delivery_photo,
        methods=["POST"],
        max_body_bytes=PHOTO_BODY_BYTES,
    ),
]
