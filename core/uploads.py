"""Files kept until a save claims them: the step initiative and article attachments
share. A file is uploaded on its own (GraphQL has no multipart); the answer's ``token``
is passed to the mutation that saves its owner, which claims it. Until then its row has
no owner and an ``expires_at``; each upload first clears the expired unclaimed ones.
The bytes live in a separate content table, in the database, so any stateless worker
serves them.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TypeVar

from tortoise.models import Model

from core import audit
from core.actor import Actor
from core.filetypes import FileType, safe_file_name

UPLOAD_TTL = timedelta(hours=24)

UploadT = TypeVar("UploadT", bound=Model)


async def keep_until_claimed(
    actor: Actor,
    model: type[UploadT],
    content_model: type[Model],
    *,
    owner: str,
    file_type: FileType,
    file_name: str,
    data: bytes,
    now: datetime,
    fallback_name: str = "attachment",
) -> UploadT:
    """A ``model`` row for ``data`` (recognised as ``file_type``) whose ``owner`` foreign
    key is still empty, expiring ``UPLOAD_TTL`` after ``now``, its bytes in
    ``content_model``; the upload is audited."""
    await model.filter(**{owner: None}, expires_at__lt=now).delete()
    upload = await model.create(
        token=secrets.token_urlsafe(24),
        file_name=safe_file_name(file_name, file_type, fallback=fallback_name),
        content_type=file_type.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_user_id=actor.user_id,
        expires_at=now + UPLOAD_TTL,
    )
    await content_model.create(attachment_id=upload.pk, data=data)
    await audit.record(actor, "attachment.upload", model.__name__, upload.pk, ["file"])
    return upload
