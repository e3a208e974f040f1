"""The shared kernel's tables: the audit trail and rate-limit counters; and the fields of
a photo stored once (``core.photos``) and of a file kept until a save claims it
(``core.uploads``), which domains' tables share.

Both live in the one ``dxnet`` Tortoise app with every domain's models, so moving them
here changed no table and no migration (table names are kept as they were created).
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditEvent(Model):
    """Who did what to which object, and which fields changed (never the values)."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    actor_kind = fields.CharField(max_length=16)
    actor_user_id = fields.IntField(null=True, db_index=True)
    actor_api_key_id = fields.IntField(null=True, db_index=True)
    action = fields.CharField(max_length=64)
    object_type = fields.CharField(max_length=48)
    object_id = fields.CharField(max_length=64, db_index=True)
    fields_changed: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]
    request_id = fields.CharField(max_length=64, default="")

    class Meta:
        table = "audit_event"
        ordering = ["-at", "-id"]


class StoredPhotoFile(Model):
    """A photo's row, written by :func:`core.photos.store_once`; the domain's table adds
    the owner's foreign key and keeps (owner, ``sha256``) unique."""

    sha256 = fields.CharField(max_length=64)
    content_type = fields.CharField(max_length=40)
    size = fields.IntField()
    data = fields.BinaryField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        abstract = True


class KeptUpload(Model):
    """An uploaded file's row, written by :func:`core.uploads.keep_until_claimed`: its
    bytes live in a content table, and the owner's foreign key (on the domain's table)
    stays empty until a save claims ``token``; unclaimed, it expires at ``expires_at``."""

    token = fields.CharField(max_length=40, unique=True)
    file_name = fields.CharField(max_length=200)
    content_type = fields.CharField(max_length=100)
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64)
    uploaded_by_user_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True, db_index=True)

    class Meta:
        abstract = True


class RateLimitCounter(Model):
    """Requests counted per key in a fixed window, shared by every worker.

    Keys hold a hash of the client address or phone, never the value itself. Used by
    every domain through core/ratelimit.py; the table keeps the name it was created
    with (recognition came first).
    """

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=160, unique=True)
    count = fields.IntField(default=0)
    window_started_at = fields.DatetimeField()

    class Meta:
        table = "recognition_rate_limit"
