"""GraphQL types of trainings, events, attendance and campaigns.

Plain objects built by ``from_model``; relations come prefetched from list resolvers or
through DataLoaders, never one query per row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Container, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

import segno
import strawberry
from strawberry import relay
from strawberry.types import Info

from activities import attendance as attendance_services
from activities import campaigns as campaign_services
from activities import events as event_services
from activities.campaigns import CampaignProgress, ProgressRow
from activities.invitations import RosterEntry
from activities.models import (
    Attendance,
    Campaign,
    CampaignTarget,
    Event,
    EventKind,
    FieldActivityKind,
    FieldActivityLog,
    Invitation,
    Recurrence,
    Rsvp,
)
from network.kpis import rate
from schema.activities.loaders import (
    AttendanceCountByEventLoader,
    EventByIdLoader,
    InvitationCountByEventLoader,
    TargetsByCampaignLoader,
)
from schema.core.errors import UserError
from schema.core.ids import nodes_read_by
from schema.core.loaders import at_hand_or_loaded, load_by_id, loader
from schema.core.outputs import from_row, from_values, prefetched
from schema.network.admin_units import AdminUnitType, admin_unit_field
from schema.network.loaders import MemberByIdLoader, OrganizationByIdLoader
from schema.network.types import MemberType, OrganizationType

EventKindEnum = strawberry.enum(EventKind, name="EventKind")
RecurrenceEnum = strawberry.enum(Recurrence, name="Recurrence")
RsvpEnum = strawberry.enum(Rsvp, name="Rsvp")
FieldActivityKindEnum = strawberry.enum(FieldActivityKind, name="FieldActivityKind")


@strawberry.enum(description="What became of one outbox item; the PWA drops it unless REJECTED.")
class SyncResult(Enum):
    CREATED = "CREATED"
    DUPLICATE = "DUPLICATE"
    ALREADY_CHECKED_IN = "ALREADY_CHECKED_IN"
    CONFLICT = "CONFLICT"
    REJECTED = "REJECTED"


def sync_result_of(errors: list[UserError]) -> SyncResult:
    """A refused outbox item: CONFLICT when its clientId was used for something else."""
    if any(e.code.value == "CLIENT_ID_CONFLICT" for e in errors):
        return SyncResult.CONFLICT
    return SyncResult.REJECTED


def certificate_path(info: Info, attendance: Attendance) -> str | None:
    token = attendance_services.certificate_token(info.context.settings.secret_key, attendance)
    return f"/certificates/{token}" if token else None


@strawberry.type(name="EventDocument")
class DocumentType:
    title: str
    url: str

    @classmethod
    def list_of(cls, documents: list[dict[str, str]]) -> list[DocumentType]:
        """An event's ``documents`` column (a JSON list of title/url objects)."""
        return [cls(title=d["title"], url=d["url"]) for d in documents]


@strawberry.type(name="Event", description="A training, briefing, workshop or conference.")
class EventType(relay.Node):
    id: relay.NodeID[int]
    kind: EventKindEnum  # type: ignore[valid-type]
    title: str
    topic: str
    place: str
    online_url: str
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    agenda: str
    documents: list[DocumentType]
    minutes: str
    trainer: str
    hours: float | None
    pass_mark: int | None = strawberry.field(description="Trainings only: 0-100, or none.")
    cancelled: bool
    series_id: strawberry.Private[int | None]
    organizer_id: strawberry.Private[int | None]
    admin_unit_id: strawberry.Private[int]
    admin_unit_row: strawberry.Private[Any]

    @classmethod
    def from_model(cls, event: Event) -> EventType:
        return from_row(
            cls,
            event,
            documents=DocumentType.list_of(event.documents),
            hours=float(event.hours) if event.hours is not None else None,
            admin_unit_row=prefetched(event, "admin_unit"),
        )

    @classmethod
    def from_values(cls, row: Mapping[str, Any], joined: Container[str]) -> EventType:
        """From a list page's columns (``EVENT_COLUMNS``), its admin unit joined when in
        ``joined``: no model instances."""
        documents = row.get("documents")
        hours = row.get("hours")
        return from_values(
            cls,
            row,
            documents=None if documents is None else DocumentType.list_of(documents),
            hours=None if hours is None else float(hours),
            admin_unit_row=AdminUnitType.from_values(row, "admin_unit__")
            if "admin_unit" in joined
            else None,
        )

    @strawberry.field(description="Set for every occurrence of a recurring event.")
    def series_key(self) -> str | None:
        return f"series-{self.series_id}" if self.series_id else None

    admin_unit = admin_unit_field()

    @strawberry.field
    async def organizer(self, info: Info) -> OrganizationType | None:
        return await load_by_id(
            info, OrganizationByIdLoader, self.organizer_id, OrganizationType.from_model
        )

    @strawberry.field(description="Members checked in, walk-ins included.")
    async def attendance_count(self, info: Info) -> int:
        return await loader(info, AttendanceCountByEventLoader).load(self.id)

    @strawberry.field
    async def invitation_count(self, info: Info) -> int:
        return await loader(info, InvitationCountByEventLoader).load(self.id)

    resolve_nodes = nodes_read_by(lambda actor, pk: event_services.get(actor, event_id=pk))


# What each Event field reads, for list pages that read columns (``columns_for``).
EVENT_COLUMNS = {
    "id": ("id",),
    **{
        name: (column,)
        for name, column in (
            ("kind", "kind"),
            ("title", "title"),
            ("topic", "topic"),
            ("place", "place"),
            ("onlineUrl", "online_url"),
            ("startsAt", "starts_at"),
            ("endsAt", "ends_at"),
            ("capacity", "capacity"),
            ("agenda", "agenda"),
            ("minutes", "minutes"),
            ("trainer", "trainer"),
            ("hours", "hours"),
            ("passMark", "pass_mark"),
            ("cancelled", "cancelled"),
            ("seriesKey", "series_id"),
            ("organizer", "organizer_id"),
            ("adminUnit", "admin_unit_id"),
            ("attendanceCount", "id"),
            ("invitationCount", "id"),
        )
    },
}


@strawberry.type(name="Invitation")
class InvitationType:
    event_id: relay.GlobalID
    member_id: relay.GlobalID
    rsvp: RsvpEnum  # type: ignore[valid-type]
    invited_at: datetime
    responded_at: datetime | None

    @classmethod
    def from_model(cls, invitation: Invitation) -> InvitationType:
        return from_row(
            cls,
            invitation,
            event_id=relay.GlobalID("Event", str(invitation.event_id)),
            member_id=relay.GlobalID("Member", str(invitation.member_id)),
        )


@strawberry.type(name="Attendance", description="A member present at an event.")
class AttendanceType:
    id: relay.GlobalID
    client_id: str
    checked_in_at: datetime
    walk_in: bool = strawberry.field(description="Not invited: registered on the spot.")
    via_qr: bool
    score: int | None
    passed: bool | None
    completed: bool = strawberry.field(
        description="Trainings: attended, and passed when there is a pass mark."
    )
    certificate_path: str | None = strawberry.field(
        description="Path of the printable certificate page (completed trainings)."
    )
    member_id: strawberry.Private[int]
    member_row: strawberry.Private[Any]
    event_id: strawberry.Private[int]
    event_row: strawberry.Private[Any]

    @classmethod
    def from_model(cls, row: Attendance, info: Info) -> AttendanceType:
        event = prefetched(row, "event")
        is_training = event is None or event.kind == EventKind.TRAINING
        return from_row(
            cls,
            row,
            id=relay.GlobalID("Attendance", str(row.id)),
            certificate_path=certificate_path(info, row) if is_training else None,
            member_row=prefetched(row, "member"),
            event_row=event,
        )

    @strawberry.field(graphql_type=MemberType)
    def member(self, info: Info) -> MemberType | Awaitable[MemberType]:
        return at_hand_or_loaded(
            self.member_row,
            lambda: loader(info, MemberByIdLoader).require(self.member_id),
            lambda row: MemberType.from_model(row, info),
        )

    @strawberry.field(graphql_type=EventType)
    def event(self, info: Info) -> EventType | Awaitable[EventType]:
        return at_hand_or_loaded(
            self.event_row,
            lambda: loader(info, EventByIdLoader).require(self.event_id),
            EventType.from_model,
        )


@strawberry.type(name="RosterEntry", description="For offline check-in: match a scan here.")
class RosterEntryType:
    member_id: relay.GlobalID
    member_pk: int = strawberry.field(description="The member id a QR token carries.")
    full_name: str
    token_version: int = strawberry.field(description="Only tokens of this version are valid.")
    rsvp: RsvpEnum | None  # type: ignore[valid-type]
    attended: bool

    @classmethod
    def from_entry(cls, entry: RosterEntry) -> RosterEntryType:
        return from_row(
            cls,
            entry,
            member_id=relay.GlobalID("Member", str(entry.member.id)),
            member_pk=entry.member.id,
            full_name=entry.member.full_name,
        )


@strawberry.type(name="MemberQrToken", description="A personal, revocable check-in code.")
class MemberQrTokenType:
    token: str
    expires_at: datetime
    svg_data_uri: str = strawberry.field(description="The QR code as an SVG data URI.")
    calendar_path: str = strawberry.field(description="Personal iCalendar feed (subscribe).")

    @classmethod
    def build(cls, token: str, expires_at: datetime, calendar_token: str) -> MemberQrTokenType:
        return cls(
            token=token,
            expires_at=expires_at,
            svg_data_uri=segno.make(token, error="m").svg_data_uri(scale=4),
            calendar_path=f"/calendar/member/{calendar_token}.ics",
        )


@strawberry.type(name="CampaignTarget")
class CampaignTargetType:
    admin_unit: AdminUnitType
    goal_people: int | None
    goal_households: int | None

    @classmethod
    def from_model(cls, target: CampaignTarget) -> CampaignTargetType:
        return from_row(cls, target, admin_unit=AdminUnitType.from_model(target.admin_unit))


@strawberry.type(name="Campaign", description="An awareness campaign.")
class CampaignType(relay.Node):
    id: relay.NodeID[int]
    title: str
    topic: str
    starts_on: date
    ends_on: date
    goal_people: int
    goal_households: int
    admin_unit_id: strawberry.Private[int]
    admin_unit_row: strawberry.Private[Any]

    @classmethod
    def from_model(cls, campaign: Campaign) -> CampaignType:
        return from_row(
            cls,
            campaign,
            admin_unit_row=prefetched(campaign, "admin_unit"),
        )

    admin_unit = admin_unit_field()

    @strawberry.field
    async def targets(self, info: Info) -> list[CampaignTargetType]:
        rows = await loader(info, TargetsByCampaignLoader).load(self.id)
        return [CampaignTargetType.from_model(r) for r in rows]

    resolve_nodes = nodes_read_by(lambda actor, pk: campaign_services.get(actor, campaign_id=pk))


@strawberry.type(name="FieldActivityLog", description="An outreach activity logged in the field.")
class FieldActivityLogType:
    id: relay.GlobalID
    client_id: str
    happened_at: datetime
    kind: FieldActivityKindEnum  # type: ignore[valid-type]
    people_reached: int
    households_reached: int
    note: str
    latitude: float | None
    longitude: float | None
    accuracy: float | None

    @classmethod
    def from_model(cls, log: FieldActivityLog) -> FieldActivityLogType:
        return from_row(
            cls,
            log,
            id=relay.GlobalID("FieldActivityLog", str(log.id)),
        )


@strawberry.type(name="CampaignProgressRow")
class ProgressRowType:
    admin_unit: AdminUnitType
    people_reached: int
    households_reached: int
    activities: int
    goal_people: int | None
    goal_households: int | None
    people_rate: float | None
    households_rate: float | None

    @classmethod
    def from_row(cls, row: ProgressRow) -> ProgressRowType:
        return cls(
            admin_unit=AdminUnitType.from_model(row.unit),
            people_reached=row.people,
            households_reached=row.households,
            activities=row.activities,
            goal_people=row.goal_people,
            goal_households=row.goal_households,
            people_rate=rate(row.people, row.goal_people) if row.goal_people else None,
            households_rate=(
                rate(row.households, row.goal_households) if row.goal_households else None
            ),
        )


@strawberry.type(name="CampaignProgress", description="Reach against goals, per commune.")
class CampaignProgressType:
    campaign: CampaignType
    totals: ProgressRowType
    communes: list[ProgressRowType]

    @classmethod
    def from_progress(cls, progress: CampaignProgress) -> CampaignProgressType:
        return cls(
            campaign=CampaignType.from_model(progress.campaign),
            totals=ProgressRowType.from_row(progress.totals),
            communes=[ProgressRowType.from_row(r) for r in progress.communes],
        )
