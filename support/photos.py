"""Photos of an engagement's delivery, taken in the field and sent through the outbox:
JPEG, PNG or WebP recognised from their bytes (``core.filetypes``), at most 10 MB and 10
per engagement, stored in the database (so any worker serves them) once per
(engagement, SHA-256), so a photo sent again is harmless. They are uploaded under the
client id of the delivery log they were taken with (``engagements.record_delivery``);
whoever may log that delivery may add its photos (the partner, or field staff of the
request's unit)."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from core import audit
from core.actor import FIELD_ROLES, Actor
from core.errors import DomainError, NotFound
from core.filetypes import accept_photo
from support import engagements
from support.models import SupportDeliveryLog, SupportDeliveryPhoto

MAX_PHOTO_BYTES = 10_000_000
MAX_PHOTOS_PER_ENGAGEMENT = 10


@dataclass(frozen=True)
class StoredPhoto:
    photo: SupportDeliveryPhoto
    created: bool


async def store(actor: Actor, *, client_id: str, data: bytes) -> StoredPhoto:
    """Attach a photo to the engagement whose delivery the device logged as ``client_id``."""
    logged = await SupportDeliveryLog.get_or_none(client_id=client_id)
    if logged is None:
        raise NotFound("DELIVERY_LOG_NOT_FOUND", field="clientId")
    engagement, _ = await engagements.for_either_side(
        actor, logged.engagement_id, requester_roles=FIELD_ROLES
    )
    content_type, digest = accept_photo(data, max_bytes=MAX_PHOTO_BYTES)
    existing = (
        await SupportDeliveryPhoto.filter(engagement_id=engagement.id, sha256=digest)
        .only("id", "engagement_id", "sha256", "content_type", "size")
        .first()
    )
    if existing is not None:
        return StoredPhoto(existing, created=False)
    if await SupportDeliveryPhoto.filter(engagement_id=engagement.id).count() >= (
        MAX_PHOTOS_PER_ENGAGEMENT
    ):
        raise DomainError("TOO_MANY_PHOTOS", field="file", max=MAX_PHOTOS_PER_ENGAGEMENT)
    try:
        async with in_transaction():
            photo = await SupportDeliveryPhoto.create(
                engagement_id=engagement.id,
                sha256=digest,
                content_type=content_type,
                size=len(data),
                data=data,
            )
    except IntegrityError:  # the same photo arrived twice at once
        found = await SupportDeliveryPhoto.get(engagement_id=engagement.id, sha256=digest)
        return StoredPhoto(found, created=False)
    await audit.record(
        actor, "support_engagement.photo", "SupportEngagement", engagement.id, ["photos"]
    )
    return StoredPhoto(photo, created=True)
