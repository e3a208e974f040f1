"""GraphQL for the audit trail (province admins only).

Each event names its actor and its object readably: ``actorName`` (a user's display
name, a key's name), ``actorUsername`` and ``objectLabel`` (a member's name, a survey's
title, a unit's name…) come from ``AuditLabelLoader``, one query per object type on the
page, never one per event. ``LABELS`` says, for each audited object type, which column
holds its readable name; a type without a row has no label (its id is shown).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info
from tortoise.models import Model

from accounts.models import ApiKey, User
from activities.models import Campaign, Event
from core import audit
from core.actor import Role
from core.errors import DomainError
from core.models import AuditEvent
from knowledge.models import Article
from network.models import AdminUnit, Member, Organization
from projects.models import Project
from recognition.models import Initiative, RecognitionRound
from schema.core.ids import is_node_key
from schema.core.loaders import DataLoaderBase, loader
from schema.core.outputs import from_row
from schema.core.pagination import Connection, paginate
from schema.core.permissions import has_role
from surveys.models import Survey


@dataclass(frozen=True)
class Label:
    """Where an audited object's readable name lives: ``model.<name>`` of the row whose
    ``<key>`` is the event's object id; ``detail`` a second column (a user's username)."""

    model: type[Model]
    name: str
    key: str = "id"
    detail: str | None = None


LABELS: dict[str, Label] = {
    "User": Label(User, "display_name", detail="username"),
    "ApiKey": Label(ApiKey, "name"),
    "AdminUnit": Label(AdminUnit, "name", key="code"),
    "Organization": Label(Organization, "name"),
    "Member": Label(Member, "full_name"),
    "Survey": Label(Survey, "title"),
    "Event": Label(Event, "title"),
    "Campaign": Label(Campaign, "title"),
    "Initiative": Label(Initiative, "title"),
    "RecognitionRound": Label(RecognitionRound, "title"),
    "Article": Label(Article, "title"),
    "Project": Label(Project, "name"),
}

LabelKey = tuple[str, str]  # (object type, the id as the event stores it)
LabelValue = tuple[str, str | None]  # (name, detail)


class AuditLabelLoader(DataLoaderBase[LabelKey, LabelValue | None]):
    """``(name, detail)`` of audited objects, one query per object type asked for."""

    async def fetch(self, keys: Sequence[LabelKey]) -> list[LabelValue | None]:
        wanted: dict[str, set[str]] = defaultdict(set)
        for object_type, raw in keys:
            label = LABELS.get(object_type)
            if label is not None and (label.key != "id" or raw.isdigit()):
                wanted[object_type].add(raw)
        found: dict[LabelKey, LabelValue] = {}
        for object_type, raws in wanted.items():
            label = LABELS[object_type]
            values: list[Any] = [int(r) for r in raws] if label.key == "id" else list(raws)
            columns = [label.key, label.name, *([label.detail] if label.detail else [])]
            rows = await label.model.filter(**{f"{label.key}__in": values}).values_list(*columns)
            for row in rows:
                detail = str(row[2]) if label.detail else None
                found[(object_type, str(row[0]))] = (str(row[1]), detail)
        return [found.get(key) for key in keys]


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
    stored_object_id: strawberry.Private[str]
    actor_key: strawberry.Private[LabelKey | None]

    @strawberry.field(
        description="The actor's readable name: a user's display name or an API key's "
        "name; null for the system, a visitor, or an actor that no longer exists."
    )
    async def actor_name(self, info: Info) -> str | None:
        found = (
            await loader(info, AuditLabelLoader).load(self.actor_key) if self.actor_key else None
        )
        return found[0] if found else None

    @strawberry.field(description="The acting user's username; null for keys and the system.")
    async def actor_username(self, info: Info) -> str | None:
        found = (
            await loader(info, AuditLabelLoader).load(self.actor_key) if self.actor_key else None
        )
        return found[1] if found else None

    @strawberry.field(
        description="The object's readable name (a member's name, a survey's title, a "
        "unit's name…); null for types without one or objects that no longer exist."
    )
    async def object_label(self, info: Info) -> str | None:
        found = await loader(info, AuditLabelLoader).load((self.object_type, self.stored_object_id))
        return found[0] if found else None

    @classmethod
    def from_model(cls, event: AuditEvent) -> AuditEventType:
        actor_id = None
        actor_key: LabelKey | None = None
        if event.actor_user_id is not None:
            actor_key = ("User", str(event.actor_user_id))
        elif event.actor_api_key_id is not None:
            actor_key = ("ApiKey", str(event.actor_api_key_id))
        if actor_key is not None:
            actor_id = str(relay.GlobalID(*actor_key))
        object_id = event.object_id
        label = LABELS.get(event.object_type)
        if object_id.isdigit() or (label is not None and label.key != "id"):
            object_id = str(relay.GlobalID(event.object_type, object_id))
        return from_row(
            cls,
            event,
            object_id=object_id,
            actor_id=actor_id,
            fields_changed=list(event.fields_changed),
            stored_object_id=event.object_id,
            actor_key=actor_key,
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
        description="The audit trail, newest first; filter by object, actor (global IDs), "
        "action, object type and time (`since` inclusive, `until` exclusive).",
        permission_classes=[has_role(Role.PROVINCE_ADMIN)],
    )
    async def audit_log(
        self,
        info: Info,
        object_id: relay.GlobalID | None = None,
        actor: relay.GlobalID | None = None,
        action: str | None = None,
        object_type: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AuditEventType]:
        filters: dict[str, Any] = {"action": action, "since": since, "until": until}
        if object_type:
            filters["object_type"] = object_type
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
