"""Photos of an engagement's delivery, taken in the field and sent through the outbox:
JPEG, PNG or WebP recognised from their bytes (``core.filetypes``), at most 10 MB and 10
per engagement, stored in the database (so any worker serves them) once per
(engagement, SHA-256), so a photo sent again is harmless. They are uploaded under the
client id of the delivery log they were taken with (``engagements.record_delivery``);
whoever may log that delivery may add its photos (the partner, or field staff of the
request's unit)."""

from __future__ import annotations

from core import audit
from core.actor import FIELD_ROLES, Actor
from core.errors import NotFound
from core.photos import StoredPhoto, store_once
from support import engagements
from support.models import SupportDeliveryLog, SupportDeliveryPhoto

MAX_PHOTO_BYTES = 10_000_000
MAX_PHOTOS_PER_ENGAGEMENT = 10


async def store(actor: Actor, *, client_id: str, data: bytes) -> StoredPhoto[SupportDeliveryPhoto]:
    """Attach a photo to the engagement whose delivery the device logged as ``client_id``."""
    logged = await SupportDeliveryLog.get_or_none(client_id=client_id)
    if logged is None:
        raise NotFound("DELIVERY_LOG_NOT_FOUND", field="clientId")
    engagement, _ = await engagements.for_either_side(
        actor, logged.engagement_id, requester_roles=FIELD_ROLES
    )
    stored = await store_once(
        SupportDeliveryPhoto,
        {"engagement_id": engagement.id},
        data,
        max_bytes=MAX_PHOTO_BYTES,
        max_count=MAX_PHOTOS_PER_ENGAGEMENT,
    )
    if stored.created:
        await audit.record(
            actor, "support_engagement.photo", "SupportEngagement", engagement.id, ["photos"]
        )
    return stored
