"""Attachments: type checked from the bytes, stored in the database, claimed by a submission.

Files live in the database (not on a worker's disk) so that any stateless worker on
PostgreSQL can serve them. Only PDF, JPEG, PNG and DOCX are accepted, recognised from
their bytes by core.filetypes; the name the client gave does not matter, so a renamed
executable is refused. Macro-enabled Word files are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from core import ratelimit
from core.actor import Actor
from core.errors import DomainError, NotFound
from core.filetypes import DOCX, JPEG, PDF, PNG, accept_document
from core.uploads import keep_until_claimed
from recognition.models import AttachmentContent, Initiative, InitiativeAttachment

MAX_ATTACHMENT_BYTES = 5_000_000
MAX_ATTACHMENTS = 5
UPLOADS_PER_ADDRESS = ratelimit.Limit("upload-addr", 30, timedelta(hours=1))
ACCEPTED = (PDF, JPEG, PNG, DOCX)


async def store_upload(
    actor: Actor, *, file_name: str, data: bytes, client_addr: str, now: datetime
) -> InitiativeAttachment:
    """Keep an uploaded file for 24 hours until a submission claims it (anyone may upload)."""
    file_type = accept_document(
        data, ACCEPTED, max_bytes=MAX_ATTACHMENT_BYTES, code="UNSUPPORTED_ATTACHMENT_TYPE"
    )
    await ratelimit.hit(UPLOADS_PER_ADDRESS, client_addr, now=now, field="file")
    return await keep_until_claimed(
        actor,
        InitiativeAttachment,
        AttachmentContent,
        owner="initiative_id",
        file_type=file_type,
        file_name=file_name,
        data=data,
        now=now,
    )


async def claim(
    initiative: Initiative, tokens: Sequence[str], *, now: datetime, field: str = "attachmentIds"
) -> list[InitiativeAttachment]:
    """Attach unclaimed, unexpired uploads to ``initiative`` (at most five in all)."""
    wanted = list(dict.fromkeys(t.strip() for t in tokens if t.strip()))
    if not wanted:
        return []
    held = await InitiativeAttachment.filter(initiative_id=initiative.id).count()
    if held + len(wanted) > MAX_ATTACHMENTS:
        raise DomainError("TOO_MANY_ATTACHMENTS", field=field, max=MAX_ATTACHMENTS)
    claimed = await InitiativeAttachment.filter(
        token__in=wanted, initiative_id=None, expires_at__gt=now
    ).update(initiative_id=initiative.id, expires_at=None)
    if claimed != len(wanted):  # unknown, expired, or claimed by someone else: roll back
        raise NotFound("ATTACHMENT_NOT_FOUND", field=field)
    return await InitiativeAttachment.filter(initiative_id=initiative.id).order_by("id")


async def read_content(attachment: InitiativeAttachment) -> bytes:
    content = await AttachmentContent.get(attachment_id=attachment.id)
    return bytes(content.data)
