"""The audit trail shared by every domain: actor, action, object, time, changed fields.

Values are never recorded, so the trail itself holds no personal data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from datetime import datetime
from typing import Any

from tortoise.models import Model
from tortoise.queryset import QuerySet

from core import bulk
from core.actor import Actor, Role
from core.clock import utcnow
from core.errors import PermissionDenied
from core.models import AuditEvent

# Derived columns kept in step by services; the trail names what the user changed.
_DERIVED = {"name_folded", "unit_path", "admin_unit_id", "updated_at"}

# Set by the HTTP layer for each request so events can be matched with logs.
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")


def _event(
    actor: Actor, action: str, object_type: str, object_id: object, fields: Iterable[str]
) -> AuditEvent:
    return AuditEvent(
        actor_kind=actor.kind,
        actor_user_id=actor.user_id,
        actor_api_key_id=actor.api_key_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        fields_changed=sorted(set(fields) - _DERIVED),
        request_id=current_request_id.get(),
    )


def apply_changes(row: Model, cleaned: Mapping[str, Any]) -> list[str]:
    """Set on ``row`` the cleaned values that differ; return the changed field names."""
    changed = [key for key, value in cleaned.items() if getattr(row, key) != value]
    for key in changed:
        setattr(row, key, cleaned[key])
    return changed


async def record(
    actor: Actor, action: str, object_type: str, object_id: object, fields: Iterable[str] = ()
) -> None:
    await _event(actor, action, object_type, object_id, fields).save()


async def record_many(
    actor: Actor,
    action: str,
    object_type: str,
    object_ids: Iterable[object],
    fields: Iterable[str] = (),
) -> None:
    """One event per object in one prepared INSERT run (e.g. personal data read on a
    page of members, or a hundred synced responses): the events differ only by object,
    so the row is converted once and no model objects are built."""
    ids = [str(i) for i in object_ids]
    if not ids:
        return
    template = _event(actor, action, object_type, "", fields)
    template.at = utcnow()
    meta = AuditEvent._meta
    columns = [c for c in meta.fields_db_projection if c != "id"]
    base = [meta.fields_map[c].to_db_value(getattr(template, c), template) for c in columns]
    position = columns.index("object_id")
    rows = [[*base[:position], i, *base[position + 1 :]] for i in ids]
    names = [meta.fields_db_projection[c] for c in columns]
    await bulk.insert_many(AuditEvent, names, rows)


def get_log(
    actor: Actor,
    *,
    object_type: str | None = None,
    object_id: str | None = None,
    actor_user_id: int | None = None,
    actor_api_key_id: int | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEvent]:
    """The trail, newest first, narrowed by any of the filters (``since`` inclusive,
    ``until`` exclusive); province admins only."""
    if not actor.has_role(Role.PROVINCE_ADMIN):
        raise PermissionDenied()
    filters = {
        "object_type": object_type or None,
        "object_id": object_id or None,
        "actor_user_id": actor_user_id,
        "actor_api_key_id": actor_api_key_id,
        "action": action or None,
        "at__gte": since,
        "at__lt": until,
    }
    given = {name: value for name, value in filters.items() if value is not None}
    return AuditEvent.filter(**given).order_by("-at", "-id")
