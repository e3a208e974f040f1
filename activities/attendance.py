"""Attendance, training results and completion, each member's training history, and
the data of a printable certificate.

A training counts as completed when attended and, if it has a pass mark, passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.queryset import QuerySet

from activities import events as event_services
from activities import tokens
from activities.access import require_activity_reader
from activities.models import Attendance, Event, EventKind
from core import audit
from core.actor import FIELD_ROLES, Actor
from core.clock import utcnow
from core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from network.access import require_role
from network.models import AdminUnit, Member


@dataclass(frozen=True)
class Certificate:
    attendance: Attendance
    event: Event
    member: Member
    unit: AdminUnit


def get_for_event(actor: Actor, event: Event) -> QuerySet[Attendance]:
    """Who attended ``event``; outside the event's unit, only members in your scope."""
    query = Attendance.filter(event_id=event.id)
    if not actor.can_see(event.unit_path):
        query = query.filter(member__unit_path__startswith=actor.scope_prefix)
    return query.order_by("checked_in_at", "id")


async def event_attendance(actor: Actor, *, event_id: int) -> tuple[Event, QuerySet[Attendance]]:
    require_activity_reader(actor)
    event = await event_services.get(actor, event_id=event_id)
    return event, get_for_event(actor, event)


async def record_scores(
    actor: Actor, *, event_id: int, scores: Sequence[tuple[int, int]]
) -> list[Attendance]:
    """Record test scores (0-100) of attendees of a training; ``passed`` follows the pass mark."""
    require_role(actor, FIELD_ROLES)
    event = await event_services.get(actor, event_id=event_id)
    if event.kind != EventKind.TRAINING:
        raise ValidationFailed([DomainError("TRAINING_ONLY", field="eventId")])
    wanted = dict(scores)
    errors = [
        DomainError("SCORE_OUT_OF_RANGE", field="scores", min=0, max=100)
        for score in wanted.values()
        if not 0 <= score <= 100
    ][:1]
    rows = {
        a.member_id: a for a in await get_for_event(actor, event).filter(member_id__in=list(wanted))
    }
    if len(rows) != len(wanted):
        errors.append(DomainError("ATTENDANCE_NOT_FOUND", field="scores"))
    if errors:
        raise ValidationFailed(errors)
    for member_id, score in wanted.items():
        row = rows[member_id]
        row.score = score
        row.passed = None if event.pass_mark is None else score >= event.pass_mark
        row.completed = event.pass_mark is None or bool(row.passed)
        await row.save(update_fields=["score", "passed", "completed"])
    await audit.record(actor, "event.record_scores", "Event", event.id, ["score", "passed"])
    return [rows[m] for m in wanted]


def training_history(actor: Actor, *, member: Member) -> QuerySet[Attendance]:
    """The member's trainings, newest first (for them, and for staff of their area)."""
    if actor.member_id != member.id:
        require_activity_reader(actor)
        if not actor.can_see(member.unit_path):
            raise PermissionDenied("OUT_OF_SCOPE", field="memberId", code=member.unit_path)
    return (
        Attendance.filter(
            member_id=member.id, event__kind=EventKind.TRAINING, event__cancelled=False
        )
        .select_related("event")
        .order_by("-checked_in_at", "-id")
    )


def certificate_token(secret: str, attendance: Attendance) -> str | None:
    """The signed id of a completed training's certificate page, or None."""
    if not attendance.completed:
        return None
    return tokens.sign(
        secret,
        tokens.Purpose.CERTIFICATE,
        attendance.id,
        0,
        attendance.created_at or utcnow(),
    )


async def certificate(secret: str, *, token: str) -> Certificate:
    """What a certificate page shows; anyone holding the link may see it, like paper."""
    claims = tokens.verify(secret, token, tokens.Purpose.CERTIFICATE)
    attendance = await Attendance.get_or_none(id=claims.subject_id, completed=True).select_related(
        "event", "member"
    )
    if attendance is None or attendance.event.kind != EventKind.TRAINING:
        raise NotFound()
    unit = await AdminUnit.get(id=attendance.event.admin_unit_id)
    return Certificate(attendance, attendance.event, attendance.member, unit)
