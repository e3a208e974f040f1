"""The recognition domain's HTTP routes: attachments of initiatives (GraphQL has no
multipart and a 1 MB body limit).

``POST /uploads/initiative-attachments?fileName=ke-hoach.pdf`` takes the file's bytes as
the body (anyone may upload; at most 5 MB, 30 an hour per client address) and answers
``{"uploadId", "sha256", "contentType", "size"}``; ``submitInitiative`` then claims the
upload by its ``uploadId`` within 24 hours. Errors are ``{"errors": [{"field", "code",
"message"}]}`` in the caller's language. CSRF: form-encodable content types and foreign
origins are refused, as on ``/graphql``.

``GET /uploads/initiative-attachments/{id}`` returns a file to staff who may read its
initiative (and to the committee of a round it is nominated to), always as a download.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from tortoise.transactions import in_transaction

from api.auth import authenticate
from api.origin import is_cross_site
from api.routes import DomainRoute
from api.routes.shared import error_response, is_form_post, kept_upload_response, language
from api.settings import Settings
from core.clock import utcnow
from core.errors import DomainError, NotFound
from recognition import files, rounds
from recognition.models import InitiativeAttachment

# A little above the attachment limit, so a slightly larger file gets FILE_TOO_LARGE.
ATTACHMENT_BODY_BYTES = files.MAX_ATTACHMENT_BYTES + 300_000


async def upload_attachment(request: Request) -> Response:
    """Keep an uploaded file for 24 hours, until an initiative claims it (201)."""
    settings: Settings = request.app.state.settings
    lang = language(request)
    if is_form_post(request):
        return error_response(DomainError("UNSUPPORTED_MEDIA_TYPE", field="file"), lang)
    if is_cross_site(request, settings):
        return error_response(DomainError("FORBIDDEN"), lang)
    data = await request.body()
    auth = await authenticate(request, settings)
    client = request.client.host if request.client else "unknown"
    try:
        async with in_transaction():
            attachment = await files.store_upload(
                auth.actor,
                file_name=request.query_params.get("fileName", ""),
                data=data,
                client_addr=client,
                now=utcnow(),
            )
    except DomainError as error:
        return error_response(error, lang)
    return kept_upload_response(attachment)


async def download_attachment(request: Request) -> Response:
    """An attachment, as a download, to whoever may review its initiative (else 404)."""
    settings: Settings = request.app.state.settings
    lang = language(request)
    auth = await authenticate(request, settings)
    try:
        attachment = await InitiativeAttachment.get_or_none(id=request.path_params["attachment_id"])
        if attachment is None or attachment.initiative_id is None:
            raise NotFound()
        await rounds.get_initiative_for_review(auth.actor, initiative_id=attachment.initiative_id)
        data = await files.read_content(attachment)
    except DomainError as error:
        if error.code in ("INITIATIVE_NOT_FOUND", "FORBIDDEN"):
            error = NotFound()
        return error_response(error, lang)
    return Response(
        data,
        media_type=attachment.content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(attachment.file_name)}",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


routes = [
    DomainRoute(
        "/uploads/initiative-attachments",
        upload_attachment,
        methods=["POST"],
        max_body_bytes=ATTACHMENT_BODY_BYTES,
    ),
    DomainRoute(
        "/uploads/initiative-attachments/{attachment_id:int}",
        download_attachment,
        methods=["GET"],
    ),
]
