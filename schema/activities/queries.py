"""Queries of trainings, events, attendance and campaigns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from activities import attendance as attendance_services
from activities import campaigns as campaign_services
from activities import events as event_services
from activities import invitations as invitation_services
from activities import tokens
from activities.models import Attendance, EventKind
from core.actor import FIELD_ROLES, ApiScope
from core.clock import utcnow
from core.errors import DomainError, ValidationFailed
from network import admin_units
from network import members as member_services
from network.models import Member
from schema.activities.types import (
    EVENT_COLUMNS,
    AttendanceType,
    CampaignProgressType,
    CampaignType,
    EventKindEnum,
    EventType,
    MemberQrTokenType,
    RosterEntryType,
)
from schema.core.errors import or_none
from schema.core.ids import global_int, required_int
from schema.core.pagination import Connection, columns_for, paginate, paginate_selected, selects
from schema.core.permissions import IsSignedInUser, has_role, has_role_or_api_scope
from schema.network.admin_units import UNIT_COLUMNS

READERS = [has_role_or_api_scope(ApiScope.READ_ACTIVITIES)]


@strawberry.type
class ActivitiesQuery:
    @strawberry.field(
        description="Events in your area and above it (province-wide trainings concern "
        "every commune), soonest first.",
        permission_classes=READERS,
    )
    async def events(
        self,
        info: Info,
        admin_unit_code: str | None = None,
        kind: EventKindEnum | None = None,  # type: ignore[valid-type]
        starts_after: datetime | None = None,
        starts_before: datetime | None = None,
        ends_after: Annotated[
            datetime | None,
            strawberry.argument(
                description="Only events not over by then: those going on and those to come."
            ),
        ] = None,
        include_cancelled: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[EventType]:
        query = event_services.get_all(
            info.context.actor,
            within=await admin_units.within(info.context.actor, code=admin_unit_code),
            kind=EventKind(str(getattr(kind, "value", kind))) if kind else None,
            starts_after=starts_after,
            starts_before=starts_before,
            ends_after=ends_after,
            include_cancelled=include_cancelled,
        )
        columns = columns_for(info, ("edges", "node"), EVENT_COLUMNS, {"adminUnit": UNIT_COLUMNS})
        return await paginate_selected(
            info,
            query,
            first=first,
            after=after,
            columns=columns,
            from_values=lambda row, joined: EventType.from_values(row, joined),
            from_model=EventType.from_model,
            joins={"adminUnit": "admin_unit"},
        )

    @strawberry.field(permission_classes=READERS)
    async def event(self, info: Info, id: relay.GlobalID) -> EventType | None:
        row = await or_none(
            lambda: event_services.get(
                info.context.actor, event_id=required_int(id, "Event", "id")
            ),
            "EVENT_NOT_FOUND",
        )
        return None if row is None else EventType.from_model(row)

    @strawberry.field(
        description="Who checked in (outside the event's unit: members of your area).",
        permission_classes=READERS,
    )
    async def event_attendance(
        self,
        info: Info,
        event_id: relay.GlobalID,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AttendanceType]:
        _, query = await attendance_services.event_attendance(
            info.context.actor, event_id=required_int(event_id, "Event", "eventId")
        )
        if selects(info, "edges", "node", "member"):
            query = query.select_related("member")

        def to_node(row: Attendance) -> AttendanceType:
            return AttendanceType.from_model(row, info)

        return await paginate(info, query, first=first, after=after, to_node=to_node)

    @strawberry.field(
        description="Invited and checked-in members with token versions, for offline check-in.",
        permission_classes=[has_role(*FIELD_ROLES)],
    )
    async def event_roster(self, info: Info, event_id: relay.GlobalID) -> list[RosterEntryType]:
        entries = await invitation_services.roster(
            info.context.actor, event_id=required_int(event_id, "Event", "eventId")
        )
        return [RosterEntryType.from_entry(e) for e in entries]

    @strawberry.field(
        description="Your personal check-in QR code (staff may fetch a member's, to print).",
        permission_classes=[IsSignedInUser],
    )
    async def member_qr_token(
        self, info: Info, member_id: relay.GlobalID | None = None
    ) -> MemberQrTokenType:
        actor = info.context.actor
        target = global_int(member_id, "Member", "memberId") if member_id else actor.member_id
        if target is None:
            raise ValidationFailed([DomainError("NO_LINKED_MEMBER", field="memberId")])
        if target != actor.member_id:
            if not actor.has_role(*FIELD_ROLES):
                raise DomainError("FORBIDDEN")
            await member_services.get(actor, member_id=target, field="memberId")
        secret = info.context.settings.secret_key
        now = utcnow()
        token = await tokens.issue(secret, member_id=target, now=now)
        calendar = await tokens.issue(
            secret, member_id=target, purpose=tokens.Purpose.CALENDAR, now=now
        )
        return MemberQrTokenType.build(token, now + tokens.QR_TOKEN_LIFETIME, calendar)

    @strawberry.field(
        description="Trainings a member attended, newest first (yours by default).",
        permission_classes=[has_role_or_api_scope(ApiScope.READ_ACTIVITIES)],
    )
    async def training_history(
        self, info: Info, member_id: relay.GlobalID | None = None
    ) -> list[AttendanceType]:
        actor = info.context.actor
        target = global_int(member_id, "Member", "memberId") if member_id else actor.member_id
        if target is None:
            raise ValidationFailed([DomainError("NO_LINKED_MEMBER", field="memberId")])
        if target == actor.member_id:
            member = await Member.get(id=target)
        else:
            member = await member_services.get(actor, member_id=target, field="memberId")
        rows = await attendance_services.training_history(actor, member=member)
        return [AttendanceType.from_model(r, info) for r in rows]

    @strawberry.field(description="Awareness campaigns in your area.", permission_classes=READERS)
    async def campaigns(
        self,
        info: Info,
        admin_unit_code: str | None = None,
        active_on: date | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[CampaignType]:
        query = campaign_services.get_all(
            info.context.actor,
            within=await admin_units.within(info.context.actor, code=admin_unit_code),
            active_on=active_on,
        )
        if selects(info, "edges", "node", "adminUnit"):
            query = query.select_related("admin_unit")
        return await paginate(
            info, query, first=first, after=after, to_node=CampaignType.from_model
        )

    @strawberry.field(permission_classes=READERS)
    async def campaign_progress(
        self, info: Info, campaign_id: relay.GlobalID
    ) -> CampaignProgressType:
        progress = await campaign_services.progress(
            info.context.actor, campaign_id=required_int(campaign_id, "Campaign", "campaignId")
        )
        return CampaignProgressType.from_progress(progress)
