"""Check-in in the field, exactly once per client id and per (event, member).

The insert is attempted first and a unique-key clash is then read back (never
check-then-insert), inside a savepoint so the caller's transaction survives the clash:

- the same ``client_id`` for the same event and member: DUPLICATE (a re-sent outbox item);
- the same ``client_id`` for something else: CLIENT_ID_CONFLICT (a client bug);
- another ``client_id`` for the same event and member: ALREADY_CHECKED_IN (two devices
  scanned one person), which the PWA treats as success.

A re-sent check-in is answered as the first time even when the event has since closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from activities import events as event_services
from activities import tokens
from activities.events import aware
from activities.models import Attendance, Event, Invitation
from core import audit
from core.actor import FIELD_ROLES, Actor
from core.clock import today_in_vietnam, utcnow
from core.errors import DomainError, ValidationFailed
from core.text import fold
from core.validation import normalize_phone, require_client_id, require_length
from network import organizations
from network.access import require_role
from network.members import clash_code, encode_roles
from network.models import Member, MemberStatus, NetworkRole

CHECK_IN_OPENS_BEFORE = timedelta(hours=2)
CHECK_IN_CLOSES_AFTER = timedelta(hours=24)
CLOCK_SKEW = timedelta(minutes=10)


class CheckInResult(StrEnum):
    CREATED = "CREATED"
    DUPLICATE = "DUPLICATE"
    ALREADY_CHECKED_IN = "ALREADY_CHECKED_IN"


@dataclass(frozen=True)
class CheckIn:
    result: CheckInResult
    attendance: Attendance


def _replay(existing: Attendance, event_id: int, member_id: int | None) -> CheckIn:
    if existing.event_id != event_id or (member_id is not None and existing.member_id != member_id):
        raise ValidationFailed([DomainError("CLIENT_ID_CONFLICT", field="clientId")])
    return CheckIn(CheckInResult.DUPLICATE, existing)


async def _member(secret: str, token: str | None, member_id: int | None, now: datetime) -> int:
    if (token is None) == (member_id is None):
        raise ValidationFailed([DomainError("REQUIRED", field="memberQrToken")])
    if token is None and member_id is not None:
        return member_id
    try:
        return await tokens.verify_member_token(secret, token or "", now=now)
    except DomainError as error:
        raise ValidationFailed([error]) from None


@dataclass(frozen=True)
class WalkIn:
    """Someone not yet in the registry, registered on the spot by field staff."""

    full_name: str
    phone: str
    organization_id: int


async def _register_walk_in(actor: Actor, walk_in: WalkIn) -> int:
    """The member with this phone if there is one in scope, else a new member of the
    organisation. Field staff may do this (unlike ``createMember``) because a person at
    the door must not wait for a manager; the row is audited like any other."""
    errors: list[DomainError] = []
    try:
        phone = normalize_phone(walk_in.phone, field="walkIn.phone")
    except DomainError as error:
        errors.append(error)
        phone = None
    try:
        name = require_length(walk_in.full_name, field="walkIn.fullName", low=2, high=200)
    except DomainError as error:
        errors.append(error)
        name = ""
    if errors or phone is None:
        raise ValidationFailed(errors or [DomainError("REQUIRED", field="walkIn.phone")])
    existing = await Member.get_or_none(phone=phone)
    if existing is not None:
        if not actor.can_see(existing.unit_path):
            code = clash_code(actor, "DUPLICATE_PHONE", existing.unit_path)
            raise ValidationFailed([DomainError(code, field="walkIn.phone")])
        return existing.id
    organization = await organizations.get(
        actor, organization_id=walk_in.organization_id, field="walkIn.organizationId"
    )
    if not organization.is_active:
        raise ValidationFailed(
            [DomainError("ORGANIZATION_INACTIVE", field="walkIn.organizationId")]
        )
    try:
        async with in_transaction():
            member = await Member.create(
                full_name=name,
                name_folded=fold(name),
                phone=phone,
                organization_id=organization.id,
                admin_unit_id=organization.admin_unit_id,
                unit_path=organization.unit_path,
                roles=encode_roles([NetworkRole.MEMBER]),
                joined_on=today_in_vietnam(),
            )
    except IntegrityError:  # registered a moment ago by another phone
        return (await Member.get(phone=phone)).id
    await audit.record(actor, "member.walk_in", "Member", member.id, ["full_name", "phone"])
    return member.id


def _check_window(event: Event, when: datetime, now: datetime) -> None:
    if when > now + CLOCK_SKEW:
        raise ValidationFailed([DomainError("DATE_IN_FUTURE", field="checkedInAt")])
    opens = event.starts_at - CHECK_IN_OPENS_BEFORE
    if when < opens or now < opens:
        raise ValidationFailed([DomainError("EVENT_NOT_STARTED", field="eventId")])
    if when > event.ends_at + CHECK_IN_CLOSES_AFTER:
        raise ValidationFailed([DomainError("EVENT_ENDED", field="eventId")])


async def _lock_event(event_id: int) -> None:
    """Hold the event's row until the transaction ends, so check-ins to one event run one
    at a time on PostgreSQL (SQLite has one writer anyway). Tortoise drops ``FOR UPDATE``
    from ``values_list()`` queries, which is how capacity was overbooked (issue 12)."""
    if Event._meta.db.capabilities.dialect == "postgres":
        await Event._meta.db.execute_query(
            'SELECT "id" FROM "activity_event" WHERE "id" = $1 FOR UPDATE', [event_id]
        )


async def _insert_within_capacity(
    actor: Actor, event: Event, member: Member, client_id: str, when: datetime, qr: bool
) -> Attendance | CheckIn:
    """Lock the event, count its attendances *after* the lock (each statement reads what
    is committed by then), and insert; a unique-key clash is answered as a replay."""
    await _lock_event(event.id)
    if event.capacity is not None:
        taken = await Attendance.filter(event_id=event.id).count()
        if taken >= event.capacity and not await Attendance.exists(
            event_id=event.id, member_id=member.id
        ):
            raise ValidationFailed(
                [DomainError("OVER_CAPACITY", field="eventId", capacity=event.capacity)]
            )
    invited = await Invitation.exists(event_id=event.id, member_id=member.id)
    try:
        async with in_transaction():  # a savepoint: the clash must not abort the caller
            return await Attendance.create(
                event_id=event.id,
                member_id=member.id,
                client_id=client_id,
                checked_in_at=when,
                recorded_by_id=actor.user_id,
                walk_in=not invited,
                via_qr=qr,
                completed=event.pass_mark is None,
            )
    except IntegrityError:
        same = await Attendance.get_or_none(client_id=client_id)
        if same is not None:
            return _replay(same, event.id, member.id)
        other = await Attendance.get(event_id=event.id, member_id=member.id)
        return CheckIn(CheckInResult.ALREADY_CHECKED_IN, other)


async def _require_member_in_reach(actor: Actor, event: Event, member: Member) -> None:
    """The member must lie in the actor's area, or be invited to the event (the event
    itself is already one the actor sees). See ``check_in``."""
    if actor.can_see(member.unit_path):
        return
    if await Invitation.exists(event_id=event.id, member_id=member.id):
        return
    code = member.unit_path.strip("/").split("/")[-1]
    raise ValidationFailed([DomainError("OUT_OF_SCOPE", field="memberId", code=code)])


async def check_in(
    actor: Actor,
    *,
    secret: str,
    client_id: str,
    event_id: int,
    member_qr_token: str | None = None,
    member_id: int | None = None,
    checked_in_at: datetime | None = None,
    walk_in: WalkIn | None = None,
    now: datetime | None = None,
) -> CheckIn:
    """Record that a member is present; walk-ins (not invited) are registered as such,
    and a person not yet in the registry comes with ``walk_in`` (no token, no id).

    Who may check whom in (what an organiser at the door expects; decision 0013):

    - the actor must see the event: one of their area, or of an area above it (a
      province training held for every commune);
    - the member must lie in the actor's area (including a walk-in registered on the
      spot, which ``_register_walk_in`` keeps in the actor's area), **or** be invited to
      the event (the organiser who invited them could see them). Field staff of one
      commune cannot check another commune's members in at their own event, where the
      answer would show that member and the attendance would count in the other
      commune's training figures.

    Both checks run before a re-sent ``client_id`` is answered, so a replay returns the
    stored attendance only to an actor who could have recorded it.
    """
    require_role(actor, FIELD_ROLES)
    require_client_id(client_id)
    now = now or utcnow()
    event = await event_services.get(actor, event_id=event_id)
    previous = await Attendance.get_or_none(client_id=client_id)
    if previous is not None:
        if previous.event_id == event.id:
            await _require_member_in_reach(actor, event, await Member.get(id=previous.member_id))
        claimed = member_id
        if member_qr_token is not None:
            claims = tokens.read_claims(member_qr_token)
            claimed = claims.subject_id if claims else -1
        return _replay(previous, event.id, claimed)

    if event.cancelled:
        raise ValidationFailed([DomainError("EVENT_CANCELLED", field="eventId")])
    if walk_in is not None and member_qr_token is None and member_id is None:
        member_pk = await _register_walk_in(actor, walk_in)
    else:
        member_pk = await _member(secret, member_qr_token, member_id, now)
    member = await Member.get_or_none(id=member_pk)
    if member is None:
        raise ValidationFailed([DomainError("MEMBER_NOT_FOUND", field="memberId")])
    if member.status != MemberStatus.ACTIVE:
        raise ValidationFailed([DomainError("MEMBER_INACTIVE", field="memberId")])
    await _require_member_in_reach(actor, event, member)
    when = aware(checked_in_at).astimezone(UTC) if checked_in_at else now
    _check_window(event, when, now)
    qr = member_qr_token is not None

    async with in_transaction():  # the caller's transaction, or one of its own
        outcome = await _insert_within_capacity(actor, event, member, client_id, when, qr)
    if isinstance(outcome, CheckIn):
        return outcome
    attendance = outcome
    await audit.record(actor, "event.check_in", "Attendance", attendance.id, ["attendance"])
    return CheckIn(CheckInResult.CREATED, attendance)
