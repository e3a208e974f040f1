"""Photos of field activities: JPEG, PNG or WebP recognised from their bytes, stored in
the database (so any worker serves them), keyed by (log, SHA-256) so a re-sent photo is
harmless."""

from __future__ import annotations

from activities.models import FieldActivityLog, FieldPhoto
from core import audit
from core.actor import FIELD_ROLES, Actor
from core.errors import NotFound, PermissionDenied
from core.photos import StoredPhoto, store_once
from network.access import require_role

MAX_PHOTO_BYTES = 10_000_000
MAX_PHOTOS_PER_LOG = 10


async def store(actor: Actor, *, client_id: str, data: bytes) -> StoredPhoto[FieldPhoto]:
    """Attach a photo to the field log the device created with ``client_id``."""
    require_role(actor, FIELD_ROLES)
    log = await FieldActivityLog.get_or_none(client_id=client_id)
    if log is None:
        raise NotFound("FIELD_LOG_NOT_FOUND", field="clientId")
    if not actor.can_see(log.unit_path):
        raise PermissionDenied()
    stored = await store_once(
        FieldPhoto,
        {"log_id": log.id},
        data,
        max_bytes=MAX_PHOTO_BYTES,
        max_count=MAX_PHOTOS_PER_LOG,
    )
    if stored.created:
        await audit.record(actor, "field_photo.create", "FieldActivityLog", log.id, ["photos"])
    return stored
