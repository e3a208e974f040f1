"""Attachments: type checked from the bytes, stored in the database, claimed by a submission.

Files live in the database (not on a worker's disk) so that any stateless worker on
PostgreSQL can serve them. Only PDF, JPEG, PNG and DOCX are accepted, recognised by their
leading bytes (and, for DOCX, by the parts of the zip package); the name the client gave
does not matter, so a renamed executable is refused. Macro-enabled Word files are refused.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from core import audit, ratelimit
from core.actor import Actor
from core.errors import DomainError, NotFound
from recognition.models import AttachmentContent, Initiative, InitiativeAttachment

MAX_ATTACHMENT_BYTES = 5_000_000
MAX_ATTACHMENTS = 5
UPLOAD_TTL = timedelta(hours=24)
UPLOADS_PER_ADDRESS = ratelimit.Limit("upload-addr", 30, timedelta(hours=1))
_UNSAFE = re.compile(r"[^\w .()+-]", re.UNICODE)


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str


PDF = FileType("application/pdf", "pdf")
JPEG = FileType("image/jpeg", "jpg")
PNG = FileType("image/png", "png")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = {name.lower() for name in package.namelist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return False
    has_parts = "word/document.xml" in names and "[content_types].xml" in names
    has_macros = any(name.endswith("vbaproject.bin") for name in names)
    return has_parts and not has_macros


def detect_type(data: bytes) -> FileType | None:
    """The accepted type ``data`` really is, or None."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04") and _is_docx(data):
        return DOCX
    return None


def safe_file_name(name: str, file_type: FileType) -> str:
    """The client's name without folders or odd characters, with the detected extension."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = " ".join(_UNSAFE.sub("_", stem).split()).strip(" .")[:120]
    return f"{stem or 'attachment'}.{file_type.extension}"


async def store_upload(
    actor: Actor, *, file_name: str, data: bytes, client_addr: str, now: datetime
) -> InitiativeAttachment:
    """Keep an uploaded file for 24 hours until a submission claims it (anyone may upload)."""
    if not data:
        raise DomainError("REQUIRED", field="file")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise DomainError(
            "FILE_TOO_LARGE", field="file", max_mb=f"{MAX_ATTACHMENT_BYTES / 1_000_000:g}"
        )
    file_type = detect_type(data)
    if file_type is None:
        raise DomainError("UNSUPPORTED_ATTACHMENT_TYPE", field="file")
    await ratelimit.hit(UPLOADS_PER_ADDRESS, client_addr, now=now, field="file")
    await InitiativeAttachment.filter(initiative_id=None, expires_at__lt=now).delete()
    attachment = await InitiativeAttachment.create(
        token=secrets.token_urlsafe(24),
        file_name=safe_file_name(file_name, file_type),
        content_type=file_type.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_user_id=actor.user_id,
        expires_at=now + UPLOAD_TTL,
    )
    await AttachmentContent.create(attachment_id=attachment.id, data=data)
    await audit.record(actor, "attachment.upload", "InitiativeAttachment", attachment.id, ["file"])
    return attachment


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
