"""Mutations of trainings, events, check-in and campaigns: one input, a payload with
errors; the offline ones (``checkIn``, ``logFieldActivity``) also say what became of the
outbox item in ``result``. Campaign mutations are in ``campaign_mutations.py``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry import UNSET, relay
from strawberry.types import Info

from activities import attendance as attendance_services
from activities import checkin as checkin_services
from activities import events as event_services
from activities import invitations as invitation_services
from activities import tokens
from activities.events import Document, EventData
from activities.models import Attendance, Event, Invitation, Rsvp
from network import members as member_services
from network.models import NetworkRole, OrganizationKind
from schema.activities.campaign_mutations import CampaignMutation
from schema.activities.types import (
    AttendanceType,
    EventKindEnum,
    EventType,
    InvitationType,
    RecurrenceEnum,
    RsvpEnum,
    SyncResult,
    sync_result_of,
)
from schema.core.errors import UserError
from schema.core.ids import enum_value, global_int, required_int
from schema.core.inputs import provided, to_domain
from schema.core.mutations import mutate
from schema.core.permissions import EDITORS, FIELD_STAFF, IsSignedInUser
from schema.network.types import NetworkRoleEnum, OrganizationKindEnum


@strawberry.input
class DocumentInput:
    title: str
    url: str


@strawberry.input
class CreateEventInput:
    kind: EventKindEnum  # type: ignore[valid-type]
    title: str
    admin_unit_code: str
    starts_at: datetime = strawberry.field(description="Without an offset: Vietnam time.")
    ends_at: datetime
    topic: str = ""
    organizer_id: relay.GlobalID | None = None
    place: str = ""
    online_url: str = ""
    capacity: int | None = None
    agenda: str = ""
    documents: list[DocumentInput] = strawberry.field(default_factory=list)
    trainer: str = ""
    hours: float | None = None
    pass_mark: int | None = None
    recurrence: RecurrenceEnum | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Repeat monthly or quarterly, `occurrences` times in all."
    )
    occurrences: int = 1


@strawberry.input
class UpdateEventInput:
    id: relay.GlobalID
    title: str | None = UNSET
    topic: str | None = UNSET
    organizer_id: relay.GlobalID | None = UNSET
    place: str | None = UNSET
    online_url: str | None = UNSET
    starts_at: datetime | None = UNSET
    ends_at: datetime | None = UNSET
    capacity: int | None = UNSET
    agenda: str | None = UNSET
    documents: list[DocumentInput] | None = UNSET
    minutes: str | None = UNSET
    trainer: str | None = UNSET
    hours: float | None = UNSET
    pass_mark: int | None = UNSET
    cancelled: bool | None = UNSET


@strawberry.type
class EventPayload:
    event: EventType | None = None
    occurrences: list[EventType] = strawberry.field(
        default_factory=list,
        description="Every event created (one, or each occurrence of a recurring one).",
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class InviteToEventInput:
    event_id: relay.GlobalID
    admin_unit_code: str | None = strawberry.field(
        default=None, description="Members in this unit's subtree (default: the event's unit)."
    )
    organization_kinds: list[OrganizationKindEnum] = strawberry.field(  # type: ignore[valid-type]
        default_factory=list
    )
    roles: list[NetworkRoleEnum] = strawberry.field(  # type: ignore[valid-type]
        default_factory=list, description="Members holding any of these roles."
    )
    member_ids: list[relay.GlobalID] = strawberry.field(default_factory=list)


@strawberry.type
class InviteToEventPayload:
    event: EventType | None = None
    invited: int = 0
    already_invited: int = 0
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RespondToInvitationInput:
    event_id: relay.GlobalID
    response: RsvpEnum  # type: ignore[valid-type]
    member_id: relay.GlobalID | None = strawberry.field(
        default=None, description="Field staff answering for a member; yourself by default."
    )


@strawberry.type
class InvitationPayload:
    invitation: InvitationType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input(description="A person not yet in the registry, registered at the door.")
class WalkInInput:
    full_name: str
    phone: str
    organization_id: relay.GlobalID = strawberry.field(
        description="The organisation they belong to (e.g. their hamlet's tech team)."
    )


@strawberry.input
class CheckInInput:
    client_id: str = strawberry.field(description="The device's id for this check-in.")
    event_id: relay.GlobalID
    member_qr_token: str | None = None
    member_id: relay.GlobalID | None = None
    checked_in_at: datetime | None = strawberry.field(
        default=None, description="When it happened (offline check-ins); now by default."
    )
    walk_in: WalkInInput | None = strawberry.field(
        default=None,
        description="Instead of a token or id: register someone new (a member with this "
        "phone is reused).",
    )


@strawberry.type
class CheckInPayload:
    result: SyncResult
    attendance: AttendanceType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class TrainingScoreInput:
    member_id: relay.GlobalID
    score: int


@strawberry.input
class RecordTrainingScoresInput:
    event_id: relay.GlobalID
    scores: list[TrainingScoreInput]


@strawberry.type
class RecordTrainingScoresPayload:
    attendances: list[AttendanceType] = strawberry.field(default_factory=list)
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RevokeMemberQrTokenInput:
    member_id: relay.GlobalID


@strawberry.type
class RevokeMemberQrTokenPayload:
    token_version: int | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


TEXT_FIELDS = ("title", "topic", "place", "online_url", "agenda", "minutes", "trainer")


def _event_payload(events: list[Event]) -> EventPayload:
    nodes = [EventType.from_model(e) for e in events]
    return EventPayload(event=nodes[0] if nodes else None, occurrences=nodes)


def _check_in_failed(errors: list[UserError]) -> CheckInPayload:
    return CheckInPayload(result=sync_result_of(errors), errors=errors)


def _documents(inputs: list[DocumentInput] | None) -> list[Document]:
    return [to_domain(d, Document) for d in inputs or []]


@strawberry.type
class EventMutation:
    @strawberry.mutation(permission_classes=EDITORS)
    async def create_event(self, info: Info, input: CreateEventInput) -> EventPayload:
        async def work() -> list[Event]:
            organizer_id = global_int(input.organizer_id, "Organization", "organizerId")
            data = to_domain(
                input, EventData, organizer_id=organizer_id, documents=_documents(input.documents)
            )
            return await event_services.create(info.context.actor, data=data)

        return await mutate(info, work, _event_payload, EventPayload)

    @strawberry.mutation(
        description="Change one event; add the minutes afterwards.", permission_classes=EDITORS
    )
    async def update_event(self, info: Info, input: UpdateEventInput) -> EventPayload:
        async def work() -> list[Event]:
            changes = provided(input, skip=("id", "organizer_id", "documents"))
            for text in TEXT_FIELDS:
                if text in changes and changes[text] is None:
                    changes[text] = ""
            if input.documents is not UNSET:
                changes["documents"] = _documents(input.documents)
            if input.organizer_id is not UNSET:
                changes["organizer_id"] = global_int(
                    input.organizer_id, "Organization", "organizerId"
                )
            event_id = required_int(input.id, "Event", "id")
            return [
                await event_services.update(info.context.actor, event_id=event_id, changes=changes)
            ]

        return await mutate(info, work, _event_payload, EventPayload)

    @strawberry.mutation(
        description="Invite members by area, organisation kind, network role, or by name.",
        permission_classes=EDITORS,
    )
    async def invite_to_event(self, info: Info, input: InviteToEventInput) -> InviteToEventPayload:
        async def work() -> Any:
            audience = invitation_services.Audience(
                admin_unit_code=input.admin_unit_code,
                organization_kinds=[
                    OrganizationKind(enum_value(k)) for k in input.organization_kinds
                ],
                roles=[NetworkRole(enum_value(r)) for r in input.roles],
                member_ids=[required_int(m, "Member", "memberIds") for m in input.member_ids],
            )
            event_id = required_int(input.event_id, "Event", "eventId")
            return await invitation_services.invite(
                info.context.actor, event_id=event_id, audience=audience
            )

        def present(result: Any) -> InviteToEventPayload:
            return InviteToEventPayload(
                event=EventType.from_model(result.event),
                invited=result.invited,
                already_invited=result.already_invited,
            )

        return await mutate(info, work, present, InviteToEventPayload)

    @strawberry.mutation(permission_classes=[IsSignedInUser])
    async def respond_to_invitation(
        self, info: Info, input: RespondToInvitationInput
    ) -> InvitationPayload:
        async def work() -> Invitation:
            return await invitation_services.respond(
                info.context.actor,
                event_id=required_int(input.event_id, "Event", "eventId"),
                response=Rsvp(enum_value(input.response)),
                member_id=global_int(input.member_id, "Member", "memberId"),
            )

        def present(invitation: Invitation) -> InvitationPayload:
            return InvitationPayload(invitation=InvitationType.from_model(invitation))

        return await mutate(info, work, present, InvitationPayload)

    @strawberry.mutation(
        description="Check a member in by QR token or id; idempotent per clientId and per "
        "(event, member). Walk-ins who were not invited are registered on the spot.",
        permission_classes=FIELD_STAFF,
    )
    async def check_in(self, info: Info, input: CheckInInput) -> CheckInPayload:
        async def work() -> Any:
            walk_in = input.walk_in
            return await checkin_services.check_in(
                info.context.actor,
                secret=info.context.settings.secret_key,
                client_id=input.client_id,
                event_id=required_int(input.event_id, "Event", "eventId"),
                member_qr_token=input.member_qr_token,
                member_id=global_int(input.member_id, "Member", "memberId"),
                checked_in_at=input.checked_in_at,
                walk_in=None
                if walk_in is None
                else to_domain(
                    walk_in,
                    checkin_services.WalkIn,
                    organization_id=required_int(
                        walk_in.organization_id, "Organization", "walkIn.organizationId"
                    ),
                ),
            )

        def present(done: Any) -> CheckInPayload:
            return CheckInPayload(
                result=SyncResult(done.result.value),
                attendance=AttendanceType.from_model(done.attendance, info),
            )

        return await mutate(info, work, present, _check_in_failed)

    @strawberry.mutation(
        description="Test scores (0-100) of a training's attendees.", permission_classes=FIELD_STAFF
    )
    async def record_training_scores(
        self, info: Info, input: RecordTrainingScoresInput
    ) -> RecordTrainingScoresPayload:
        async def work() -> list[Attendance]:
            scores = [
                (required_int(s.member_id, "Member", "scores"), s.score) for s in input.scores
            ]
            event_id = required_int(input.event_id, "Event", "eventId")
            return await attendance_services.record_scores(
                info.context.actor, event_id=event_id, scores=scores
            )

        def present(rows: list[Attendance]) -> RecordTrainingScoresPayload:
            return RecordTrainingScoresPayload(
                attendances=[AttendanceType.from_model(r, info) for r in rows]
            )

        return await mutate(info, work, present, RecordTrainingScoresPayload)

    @strawberry.mutation(
        description="Invalidate every QR code and calendar link of a member.",
        permission_classes=EDITORS,
    )
    async def revoke_member_qr_token(
        self, info: Info, input: RevokeMemberQrTokenInput
    ) -> RevokeMemberQrTokenPayload:
        async def work() -> int:
            member_id = required_int(input.member_id, "Member", "memberId")
            await member_services.get(info.context.actor, member_id=member_id, field="memberId")
            return await tokens.revoke(info.context.actor, member_id=member_id)

        return await mutate(
            info,
            work,
            lambda version: RevokeMemberQrTokenPayload(token_version=version),
            RevokeMemberQrTokenPayload,
        )


@strawberry.type
class ActivitiesMutation(EventMutation, CampaignMutation):
    """Every mutation of activities: events and check-in, then campaigns."""
