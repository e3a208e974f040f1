"""GraphQL types of initiatives as staff see them, and the enums of recognition.

Staff types gate personal data in ``from_model``; the public types (``public_types.py``)
have no field that could carry it. Relations come prefetched from list resolvers or
through the loaders in ``schema.recognition.loaders``. Rounds, nominations and ballots
are in ``round_types.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Container, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from recognition import initiatives as initiative_services
from recognition.access import can_read_pii
from recognition.emulation import Part
from recognition.models import (
    Award,
    AwardLevel,
    Initiative,
    InitiativeAttachment,
    InitiativeCategory,
    InitiativeStatus,
    InitiativeTransition,
    Replication,
    ReplicationStatus,
    RoundStatus,
)
from recognition.similarity import SimilarInitiative
from schema.core.ids import readable_nodes
from schema.core.loaders import at_hand_or_loaded, loader
from schema.core.outputs import from_row, from_values, prefetched
from schema.core.pii import INITIATIVE_PII
from schema.network.admin_units import AdminUnitType, admin_unit_field
from schema.network.loaders import OrganizationByIdLoader
from schema.network.types import OrganizationType
from schema.recognition.loaders import (
    AttachmentsByInitiativeLoader,
    ReplicationsByInitiativeLoader,
    TransitionsByInitiativeLoader,
)

InitiativeCategoryEnum = strawberry.enum(InitiativeCategory, name="InitiativeCategory")
InitiativeStatusEnum = strawberry.enum(
    InitiativeStatus,
    name="InitiativeStatus",
    description="SUBMITTED -> SCREENING -> ACCEPTED_FOR_REVIEW | NEEDS_INFO | REJECTED, "
    "then NOMINATED -> AWARDED | NOT_AWARDED.",
)
RoundStatusEnum = strawberry.enum(RoundStatus, name="RecognitionRoundStatus")
AwardLevelEnum = strawberry.enum(AwardLevel, name="AwardLevel")
ReplicationStatusEnum = strawberry.enum(ReplicationStatus, name="ReplicationStatus")
EmulationPartEnum = strawberry.enum(Part, name="EmulationPart")
ATTACHMENT_URL = "/uploads/initiative-attachments/{id}"


def global_id(type_name: str, pk: int) -> str:
    return str(relay.GlobalID(type_name, str(pk)))


@strawberry.type(name="InitiativeAttachment")
class AttachmentType:
    id: strawberry.ID
    file_name: str
    content_type: str = strawberry.field(description="Detected from the file's bytes.")
    size: int
    sha256: str
    uploaded_at: datetime
    download_url: str = strawberry.field(description="For staff who may read the initiative.")

    @classmethod
    def from_model(cls, attachment: InitiativeAttachment) -> AttachmentType:
        return from_row(
            cls,
            attachment,
            id=strawberry.ID(str(attachment.id)),
            uploaded_at=attachment.created_at,
            download_url=ATTACHMENT_URL.format(id=attachment.id),
        )


@strawberry.type(name="InitiativeStatusChange", description="One workflow step (staff view).")
class TransitionType:
    from_status: InitiativeStatusEnum | None  # type: ignore[valid-type]
    to_status: InitiativeStatusEnum  # type: ignore[valid-type]
    at: datetime
    note: str = strawberry.field(
        description="For staff: the screener's note, or the submitter's answer."
    )
    public_note: str
    actor_kind: str
    actor_id: str | None = strawberry.field(description="Global ID of the User, if any.")

    @classmethod
    def from_model(cls, row: InitiativeTransition) -> TransitionType:
        return from_row(
            cls,
            row,
            actor_id=global_id("User", row.actor_user_id) if row.actor_user_id else None,
        )


@strawberry.type(
    name="InitiativeSummary",
    description="An earlier initiative very like this one (title, place and status only).",
)
class InitiativeSummaryType:
    id: strawberry.ID
    title: str
    category: InitiativeCategoryEnum  # type: ignore[valid-type]
    status: InitiativeStatusEnum  # type: ignore[valid-type]
    admin_unit_name: str
    submitted_on: date
    similarity: float = strawberry.field(description="Jaccard similarity, 0 to 1.")

    @classmethod
    def from_similar(cls, item: SimilarInitiative) -> InitiativeSummaryType:
        initiative = item.initiative
        unit = prefetched(initiative, "admin_unit")
        return from_row(
            cls,
            initiative,
            id=strawberry.ID(global_id("Initiative", initiative.id)),
            admin_unit_name=unit.name if unit is not None else "",
            submitted_on=initiative.created_at.date(),
            similarity=item.similarity,
        )


@strawberry.type(name="Replication", description="An organisation replicating an awarded model.")
class ReplicationType:
    id: strawberry.ID
    initiative_id: strawberry.ID
    organization: OrganizationType
    started_at: date
    status: ReplicationStatusEnum  # type: ignore[valid-type]
    note: str
    updated_at: datetime

    @classmethod
    def from_model(cls, row: Replication) -> ReplicationType:
        return from_row(
            cls,
            row,
            id=strawberry.ID(str(row.id)),
            initiative_id=strawberry.ID(global_id("Initiative", row.initiative_id)),
            organization=OrganizationType.from_model(row.organization),
        )


@dataclass
class InitiativeExtras:
    """Relations a list resolver prefetched (None: load on demand)."""

    attachments: list[InitiativeAttachment] | None = None
    transitions: list[InitiativeTransition] | None = None


@strawberry.type(name="Initiative", description="An initiative as staff see it.")
class InitiativeType(relay.Node):
    id: relay.NodeID[int]
    tracking_code: str | None = strawberry.field(
        description="Gated like the submitter's phone.", extensions=[INITIATIVE_PII]
    )
    title: str
    summary: str
    problem: str
    solution: str
    results: str
    category: InitiativeCategoryEnum  # type: ignore[valid-type]
    status: InitiativeStatusEnum  # type: ignore[valid-type]
    submitted_at: datetime
    status_changed_at: datetime
    submitter_name: str | None = strawberry.field(
        description="Personal data: null unless you are a province admin, a unit manager of "
        "the initiative's area, the member who submitted it, or a key with read:pii.",
        extensions=[INITIATIVE_PII],
    )
    submitter_phone: str | None = strawberry.field(
        description="Personal data, gated likewise.", extensions=[INITIATIVE_PII]
    )
    submitter_email: str | None = strawberry.field(
        description="Personal data, gated likewise.", extensions=[INITIATIVE_PII]
    )
    submitted_by_member: bool = strawberry.field(description="Linked to a Network member.")
    admin_unit_id: strawberry.Private[int]
    admin_unit_row: strawberry.Private[Any]
    organization_id: strawberry.Private[int | None]
    organization_row: strawberry.Private[Any]
    extras: strawberry.Private[InitiativeExtras]

    @classmethod
    def from_model(
        cls, initiative: Initiative, info: Info, extras: InitiativeExtras | None = None
    ) -> InitiativeType:
        pii = can_read_pii(info.context.actor, initiative)
        return from_row(
            cls,
            initiative,
            tracking_code=initiative.tracking_code if pii else None,
            submitted_at=initiative.created_at,
            submitter_name=initiative.submitter_name if pii else None,
            submitter_phone=initiative.submitter_phone if pii else None,
            submitter_email=initiative.submitter_email if pii else None,
            submitted_by_member=initiative.member_id is not None,
            admin_unit_row=prefetched(initiative, "admin_unit"),
            organization_row=prefetched(initiative, "organization"),
            extras=extras or InitiativeExtras(),
        )

    @classmethod
    def from_values(cls, row: Mapping[str, Any], joined: Container[str]) -> InitiativeType:
        """From a list page's columns (``INITIATIVE_COLUMNS``, the relations in ``joined``
        read through the join): no model instances. The columns hold no personal data
        (a selection asking for it loads models and their gate)."""
        organization = None
        if "organization" in joined and row.get("organization_id") is not None:
            organization = OrganizationType.from_values(row, "organization__")
        return from_values(
            cls,
            row,
            tracking_code=None,
            submitted_at=row.get("created_at"),
            submitter_name=None,
            submitter_phone=None,
            submitter_email=None,
            submitted_by_member=row["member_id"] is not None if "member_id" in row else None,
            admin_unit_row=AdminUnitType.from_values(row, "admin_unit__")
            if "admin_unit" in joined
            else None,
            organization_row=organization,
            extras=InitiativeExtras(),
        )

    admin_unit = admin_unit_field()

    @strawberry.field(graphql_type=OrganizationType | None)
    def organization(
        self, info: Info
    ) -> OrganizationType | Awaitable[OrganizationType | None] | None:
        if self.organization_id is None:
            return None
        if isinstance(self.organization_row, OrganizationType):
            return self.organization_row
        organization_id = self.organization_id
        return at_hand_or_loaded(
            self.organization_row,
            lambda: loader(info, OrganizationByIdLoader).load(organization_id),
            lambda row: OrganizationType.from_model(row) if row else None,
        )

    @strawberry.field(graphql_type=list[AttachmentType])
    def attachments(self, info: Info) -> list[AttachmentType] | Awaitable[list[AttachmentType]]:
        return at_hand_or_loaded(
            self.extras.attachments,
            lambda: loader(info, AttachmentsByInitiativeLoader).load(self.id),
            lambda rows: [AttachmentType.from_model(a) for a in rows],
        )

    @strawberry.field(
        graphql_type=list[TransitionType],
        description="The full workflow history with staff notes.",
    )
    def history(self, info: Info) -> list[TransitionType] | Awaitable[list[TransitionType]]:
        return at_hand_or_loaded(
            self.extras.transitions,
            lambda: loader(info, TransitionsByInitiativeLoader).load(self.id),
            lambda rows: [TransitionType.from_model(t) for t in rows],
        )

    @strawberry.field(description="Where this model is being replicated.")
    async def replications(self, info: Info) -> list[ReplicationType]:
        rows = await loader(info, ReplicationsByInitiativeLoader).load(self.id)
        return [ReplicationType.from_model(r) for r in rows]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[InitiativeType | None]:
        return await readable_nodes(
            node_ids,
            lambda pk: initiative_services.get(info.context.actor, initiative_id=pk),
            lambda row: cls.from_model(row, info),
        )


# What each Initiative field reads, for list pages that read columns (``columns_for``):
# no personal data here, so a selection asking for it loads models (``can_read_pii``).
INITIATIVE_COLUMNS = {
    "id": ("id",),
    **{
        name: (column,)
        for name, column in (
            ("title", "title"),
            ("summary", "summary"),
            ("problem", "problem"),
            ("solution", "solution"),
            ("results", "results"),
            ("category", "category"),
            ("status", "status"),
            ("submittedAt", "created_at"),
            ("statusChangedAt", "status_changed_at"),
            ("submittedByMember", "member_id"),
            ("adminUnit", "admin_unit_id"),
            ("organization", "organization_id"),
            ("replications", "id"),
        )
    },
}


@strawberry.type(name="Award")
class AwardType:
    id: strawberry.ID
    level: AwardLevelEnum  # type: ignore[valid-type]
    citation: str
    granted_at: datetime
    nomination_id: strawberry.ID
    initiative_id: strawberry.ID

    @classmethod
    def from_model(cls, row: Award) -> AwardType:
        return from_row(
            cls,
            row,
            id=strawberry.ID(str(row.id)),
            nomination_id=strawberry.ID(global_id("Nomination", row.nomination_id)),
            initiative_id=strawberry.ID(global_id("Initiative", row.initiative_id)),
        )
