"""The shared kernel's tables: the audit trail and rate-limit counters.

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
