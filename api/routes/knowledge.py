"""The knowledge domain's HTTP routes: files attached to articles (GraphQL has no
multipart and a 1 MB body limit).

``POST /uploads/article-attachments?fileName=checklist.pdf`` takes the file's bytes as the
body (signed-in editors only; at most 10 MB; PDF, JPEG, PNG, WebP, DOCX or XLSX
recognised from the bytes; 60 an hour per editor) and answers ``{"uploadId", "sha256",
"contentType", "size", "fileName", "expiresAt"}`` (201); ``createArticle`` or
``updateArticle`` then attaches the upload by its ``uploadId`` (``addAttachments``)
within 24 hours. Errors are ``{"errors": [{"field", "code", "message"}]}`` in the
caller's language. CSRF: form-encodable content types and foreign origins are refused,
as on ``/graphql``.

``GET /uploads/article-attachments/{id}`` returns a file to whoever may read its article
(the article's own audience and scope rules) and to its editors; anyone else gets 404.
Images are shown inline, other files (and images with ``?download=1``) are downloads;
every answer is sandboxed (``Content-Security-Policy: sandbox``, ``nosniff``) and carries
the file's SHA-256 as its ETag, so a phone that kept it revalidates with a 304.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from api.auth import authenticate
from api.routes import DomainRoute
from api.routes.shared import error_response, kept_upload_response, language, upload_body
from core.errors import DomainError
from knowledge import attachments, services

# A little above the attachment limit, so a slightly larger file gets FILE_TOO_LARGE.
ATTACHMENT_BODY_BYTES = attachments.MAX_ATTACHMENT_BYTES + 500_000


async def upload_attachment(request: Request) -> Response:
    """Keep an editor's file for 24 hours, until a save attaches it (201)."""
    file_name = request.query_params.get("fileName", "")
    upload = await upload_body(
        request,
        lambda actor, data: services.upload_attachment(actor, file_name=file_name, data=data),
    )
    if isinstance(upload, Response):
        return upload
    return kept_upload_response(upload)


async def download_attachment(request: Request) -> Response:
    """An article's attachment to whoever may read the article (else 404)."""
    auth = await authenticate(request, request.app.state.settings)
    try:
        attachment, data = await services.attachment_for_download(
            auth.actor, request.path_params["attachment_id"]
        )
    except DomainError as error:
        return error_response(error, language(request))
    etag = f'"{attachment.sha256}"'
    inline = attachment.content_type.startswith("image/") and not request.query_params.get(
        "download"
    )
    headers = {
        "Content-Disposition": (
            f"{'inline' if inline else 'attachment'}; "
            f"filename*=UTF-8''{quote(attachment.file_name)}"
        ),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-cache",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "ETag": etag,
    }
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=attachment.content_type, headers=headers)


routes = [
    DomainRoute(
        "/uploads/article-attachments",
        upload_attachment,
        methods=["POST"],
        max_body_bytes=ATTACHMENT_BODY_BYTES,
    ),
    DomainRoute(
        "/uploads/article-attachments/{attachment_id:int}",
        download_attachment,
        methods=["GET"],
    ),
]
