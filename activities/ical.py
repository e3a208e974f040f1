"""iCalendar feeds, so events appear in phone calendars.

A unit's feed is public and carries only non-personal fields (no trainer, no agenda, no
attendees). A member's feed, reached through their signed calendar token, lists the
events they are invited to (unless declined) or attended, with the agenda and trainer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Component
from icalendar import Event as CalendarEvent

from activities import tokens
from activities.models import Attendance, Event, Invitation, Rsvp
from core.clock import utcnow
from network.access import in_or_above
from network.models import AdminUnit, Member, MemberStatus

FEED_PAST = timedelta(days=180)
FEED_FUTURE = timedelta(days=400)
FEED_LIMIT = 500


def _window(now: datetime) -> tuple[datetime, datetime]:
    return now - FEED_PAST, now + FEED_FUTURE


def render(
    events: Iterable[Event],
    *,
    name: str,
    host: str,
    personal: bool,
    extra: Sequence[Component] = (),
) -> bytes:
    """The calendar of ``events``, then the ``extra`` entries other domains add (project
    milestones in a unit's feed, assembled in ``api/``)."""
    calendar = Calendar()
    calendar.add("prodid", "-//DXNet//Mang luoi chuyen doi so//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.id}@{host}")
        entry.add("dtstamp", event.updated_at or utcnow())
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at)
        entry.add("summary", event.title)
        entry.add("sequence", event.sequence)
        entry.add("categories", [event.kind.value])
        entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        if event.place:
            entry.add("location", event.place)
        if event.online_url:
            entry.add("url", event.online_url)
        description = [event.topic] if event.topic else []
        if personal:
            if event.trainer:
                description.append(f"Giảng viên / Trainer: {event.trainer}")
            if event.agenda:
                description.append(event.agenda)
        if event.online_url:
            description.append(event.online_url)
        if description:
            entry.add("description", "\n\n".join(description))
        calendar.add_component(entry)
    for component in extra:
        calendar.add_component(component)
    return bytes(calendar.to_ical())


async def unit_feed(
    *, code: str, host: str, now: datetime | None = None, extra: Sequence[Component] = ()
) -> bytes | None:
    """Events held in the unit, in its subtree and above it (and the ``extra`` entries);
    None for an unknown unit."""
    unit = await AdminUnit.get_or_none(code=code)
    if unit is None:
        return None
    start, end = _window(now or utcnow())
    events = (
        await Event.filter(
            in_or_above(unit.path),
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .order_by("starts_at", "id")
        .limit(FEED_LIMIT)
    )
    return render(events, name=f"DXNet – {unit.name}", host=host, personal=False, extra=extra)


async def member_feed(secret: str, *, token: str, host: str, now: datetime | None = None) -> bytes:
    """The member's own events; raises INVALID_TOKEN / TOKEN_REVOKED for a bad link."""
    member_id = await tokens.verify_member_token(
        secret, token, purpose=tokens.Purpose.CALENDAR, field="token"
    )
    member = await Member.get(id=member_id)
    start, end = _window(now or utcnow())
    invited = Invitation.filter(member_id=member_id).exclude(rsvp=Rsvp.DECLINED)
    event_ids = set(await invited.values_list("event_id", flat=True))
    event_ids |= set(
        await Attendance.filter(member_id=member_id).values_list("event_id", flat=True)
    )
    events = []
    if member.status == MemberStatus.ACTIVE and event_ids:
        events = (
            await Event.filter(id__in=sorted(event_ids), starts_at__gte=start, starts_at__lt=end)
            .order_by("starts_at", "id")
            .limit(FEED_LIMIT)
        )
    return render(events, name="DXNet", host=host, personal=True)
