"""Inviting members to events by audience, their answers, and rosters for offline use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from tortoise.expressions import Q

from activities import events as event_services
from activities import tokens
from activities.models import Attendance, Event, Invitation, Rsvp
from core import audit
from core.actor import EDITOR_ROLES, FIELD_ROLES, Actor
from core.clock import utcnow
from core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from network import admin_units
from network.access import require_role
from network.models import Member, MemberStatus, NetworkRole, OrganizationKind

MAX_INVITEES = 5000


@dataclass(frozen=True)
class Audience:
    """Members in ``admin_unit_code``'s subtree (the event's unit, or your scope), of
    organisations of ``organization_kinds`` and holding any of ``roles`` when given, plus
    the named ``member_ids``."""

    admin_unit_code: str | None = None
    organization_kinds: Sequence[OrganizationKind] = field(default_factory=list)
    roles: Sequence[NetworkRole] = field(default_factory=list)
    member_ids: Sequence[int] = field(default_factory=list)

    @property
    def has_criteria(self) -> bool:
        return bool(self.admin_unit_code or self.organization_kinds or self.roles)


@dataclass(frozen=True)
class InviteResult:
    event: Event
    invited: int
    already_invited: int


@dataclass(frozen=True)
class RosterEntry:
    member: Member
    rsvp: Rsvp | None
    token_version: int
    attended: bool


async def _audience_ids(actor: Actor, event: Event, audience: Audience) -> list[int]:
    ids: set[int] = set()
    if audience.has_criteria:
        if audience.admin_unit_code:
            path = (await admin_units.get_in_scope(actor, code=audience.admin_unit_code)).path
        elif actor.can_see(event.unit_path):
            path = event.unit_path
        else:
            path = actor.scope_prefix
        query = Member.filter(status=MemberStatus.ACTIVE, unit_path__startswith=path)
        if audience.organization_kinds:
            query = query.filter(organization__kind__in=list(audience.organization_kinds))
        if audience.roles:
            condition = Q()
            for role in audience.roles:
                condition |= Q(roles__contains=f",{role.value},")
            query = query.filter(condition)
        found = await query.limit(MAX_INVITEES + 1).values_list("id", flat=True)
        ids.update(cast("list[int]", found))
    if audience.member_ids:
        wanted = set(audience.member_ids)
        named = await Member.filter(
            id__in=list(wanted),
            status=MemberStatus.ACTIVE,
            unit_path__startswith=actor.scope_prefix,
        ).values_list("id", flat=True)
        if len(named) != len(wanted):
            raise ValidationFailed([DomainError("MEMBER_NOT_FOUND", field="memberIds")])
        ids.update(cast("list[int]", named))
    if not audience.has_criteria and not audience.member_ids:
        raise ValidationFailed([DomainError("REQUIRED", field="audience")])
    if len(ids) > MAX_INVITEES:
        raise ValidationFailed(
            [DomainError("TOO_MANY_INVITEES", field="audience", max=MAX_INVITEES)]
        )
    return sorted(ids)


async def invite(actor: Actor, *, event_id: int, audience: Audience) -> InviteResult:
    """Invite the audience; members already invited keep their answer."""
    require_role(actor, EDITOR_ROLES)
    event = await event_services.get(actor, event_id=event_id)
    if event.cancelled:
        raise ValidationFailed([DomainError("EVENT_CANCELLED", field="eventId")])
    member_ids = await _audience_ids(actor, event, audience)
    existing = set(
        cast(
            "list[int]",
            await Invitation.filter(event_id=event.id, member_id__in=member_ids).values_list(
                "member_id", flat=True
            ),
        )
    )
    new = [Invitation(event_id=event.id, member_id=m) for m in member_ids if m not in existing]
    if new:
        await Invitation.bulk_create(new, ignore_conflicts=True)
        await audit.record(actor, "event.invite", "Event", event.id, ["invitations"])
    return InviteResult(event, len(new), len(existing))


async def respond(
    actor: Actor, *, event_id: int, response: Rsvp, member_id: int | None = None
) -> Invitation:
    """A member answers their invitation (field staff may record it for them)."""
    if not actor.is_authenticated or actor.kind == "api_key":
        raise PermissionDenied()
    member_id = member_id or actor.member_id
    if member_id is None:
        raise ValidationFailed([DomainError("NO_LINKED_MEMBER", field="memberId")])
    if member_id != actor.member_id:
        require_role(actor, FIELD_ROLES)
        if not await Member.exists(id=member_id, unit_path__startswith=actor.scope_prefix):
            raise ValidationFailed([DomainError("MEMBER_NOT_FOUND", field="memberId")])
    invitation = await Invitation.get_or_none(event_id=event_id, member_id=member_id)
    if invitation is None:
        raise NotFound("INVITATION_NOT_FOUND", field="eventId")
    event = await Event.get(id=event_id)
    if event.ends_at < utcnow():
        raise ValidationFailed([DomainError("EVENT_ENDED", field="eventId")])
    if response == Rsvp.PENDING:
        raise ValidationFailed([DomainError("INVALID_CHOICE", field="response")])
    if invitation.rsvp != response:
        invitation.rsvp = response
        invitation.responded_at = utcnow()
        await invitation.save(update_fields=["rsvp", "responded_at"])
        await audit.record(actor, "invitation.respond", "Invitation", invitation.id, ["rsvp"])
    return invitation


async def roster(actor: Actor, *, event_id: int) -> list[RosterEntry]:
    """Who is expected (and who already came), with token versions, for offline check-in.

    The PWA matches an offline scan's member id and version against this list to show a
    name; the server verifies the token itself when the check-in syncs.
    """
    require_role(actor, FIELD_ROLES)
    event = await event_services.get(actor, event_id=event_id)
    invitations = await Invitation.filter(event_id=event.id).select_related("member")
    attended = await Attendance.filter(event_id=event.id).select_related("member")
    members = {i.member_id: i.member for i in invitations}
    members.update({a.member_id: a.member for a in attended})
    if not actor.can_see(event.unit_path):
        scope = actor.scope_prefix
        members = {k: m for k, m in members.items() if m.unit_path.startswith(scope)}
    answers = {i.member_id: i.rsvp for i in invitations}
    present = {a.member_id for a in attended}
    versions = await tokens.versions(sorted(members))
    entries = [
        RosterEntry(m, answers.get(m.id), versions[m.id], m.id in present) for m in members.values()
    ]
    return sorted(entries, key=lambda e: (e.member.name_folded, e.member.id))
