"""Photos of field activities: JPEG, PNG or WebP recognised from their bytes, stored in
the database (so any worker serves them), keyed by (log, SHA-256) so a re-sent photo is
harmless."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from activities.models import FieldActivityLog, FieldPhoto
from core import audit
from core.actor import FIELD_ROLES, Actor
from core.errors import DomainError, NotFound, PermissionDenied
from core.filetypes import accept_photo
from network.access import require_role

MAX_PHOTO_BYTES = 10_000_000
MAX_PHOTOS_PER_LOG = 10


@dataclass(frozen=True)
class StoredPhoto:
    photo: FieldPhoto
    created: bool


async def store(actor: Actor, *, client_id: str, data: bytes) -> StoredPhoto:
    """Attach a photo to the field log the device created with ``client_id``."""
    require_role(actor, FIELD_ROLES)
    log = await FieldActivityLog.get_or_none(client_id=client_id)
    if log is None:
        raise NotFound("FIELD_LOG_NOT_FOUND", field="clientId")
    if not actor.can_see(log.unit_path):
        raise PermissionDenied()
    content_type, digest = accept_photo(data, max_bytes=MAX_PHOTO_BYTES)
    existing = (
        await FieldPhoto.filter(log_id=log.id, sha256=digest)
        .only("id", "log_id", "sha256", "content_type", "size")
        .first()
    )
    if existing is not None:
        return StoredPhoto(existing, created=False)
    if await FieldPhoto.filter(log_id=log.id).count() >= MAX_PHOTOS_PER_LOG:
        raise DomainError("TOO_MANY_PHOTOS", field="file", max=MAX_PHOTOS_PER_LOG)
    try:
        async with in_transaction():
            photo = await FieldPhoto.create(
                log_id=log.id, sha256=digest, content_type=content_type, size=len(data), data=data
            )
    except IntegrityError:  # the same photo arrived twice at once
        return StoredPhoto(await FieldPhoto.get(log_id=log.id, sha256=digest), created=False)
    await audit.record(actor, "field_photo.create", "FieldActivityLog", log.id, ["photos"])
    return StoredPhoto(photo, created=True)
