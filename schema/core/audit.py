"""GraphQL for the audit trail (province admins only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from core import audit
from core.actor import Role
from core.errors import DomainError
from core.models import AuditEvent
from schema.core.ids import is_node_key
from schema.core.outputs import from_row
from schema.core.pagination import Connection, paginate
from schema.core.permissions import has_role


@strawberry.type(name="AuditEvent", description="Who did what to which object; never values.")
class AuditEventType:
    at: datetime
    action: str
    object_type: str
    object_id: str = strawberry.field(description="The object's global ID.")
    actor_kind: str
    actor_id: str | None = strawberry.field(description="Global ID of the User or ApiKey.")
    fields_changed: list[str]
    request_id: str

    @classmethod
    def from_model(cls, event: AuditEvent) -> AuditEventType:
        actor_id = None
        if event.actor_user_id is not None:
            actor_id = str(relay.GlobalID("User", str(event.actor_user_id)))
        elif event.actor_api_key_id is not None:
            actor_id = str(relay.GlobalID("ApiKey", str(event.actor_api_key_id)))
        object_id = event.object_id
        if object_id.isdigit():
            object_id = str(relay.GlobalID(event.object_type, object_id))
        return from_row(
            cls,
            event,
            object_id=object_id,
            actor_id=actor_id,
            fields_changed=list(event.fields_changed),
        )


def _split(value: relay.GlobalID | None, field: str) -> tuple[str, str] | None:
    if value is None:
        return None
    if not value.node_id:
        raise DomainError("INVALID_ID", field=field)
    return value.type_name, value.node_id


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="The audit trail, newest first; filter by object and/or actor (global IDs).",
        permission_classes=[has_role(Role.PROVINCE_ADMIN)],
    )
    async def audit_log(
        self,
        info: Info,
        object_id: relay.GlobalID | None = None,
        actor: relay.GlobalID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AuditEventType]:
        filters: dict[str, Any] = {}
        if (target := _split(object_id, "objectId")) is not None:
            filters["object_type"], filters["object_id"] = target
        if (who := _split(actor, "actor")) is not None:
            kind, raw = who
            if not is_node_key(raw) or kind not in ("User", "ApiKey"):
                raise DomainError("INVALID_ID", field="actor")
            key = "actor_user_id" if kind == "User" else "actor_api_key_id"
            filters[key] = int(raw)
        query = audit.get_log(info.context.actor, **filters)
        return await paginate(
            info, query, first=first, after=after, to_node=AuditEventType.from_model
        )
