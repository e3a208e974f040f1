"""Trainings, briefings, workshops and conferences: create, update, read; recurring series.

Times without an offset are read as Vietnam time (UTC+7), the time people type.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from tortoise.queryset import QuerySet

from activities.access import require_activity_reader, visible
from activities.models import Attendance, Event, EventKind, EventSeries, Recurrence
from core import audit
from core.actor import EDITOR_ROLES, Actor
from core.clock import VIETNAM
from core.errors import DomainError, ValidationFailed
from core.queries import first_or_not_found
from core.validation import FormCheck, require_length, require_updatable
from network import admin_units
from network.access import require_role
from network.models import AdminUnit, Organization

MAX_DOCUMENTS = 20
MAX_OCCURRENCES = 24
_MONTHS = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3}
TRAINING_ONLY = ("trainer", "hours", "pass_mark")


@dataclass(frozen=True)
class Document:
    title: str
    url: str


@dataclass(frozen=True)
class EventData:
    kind: EventKind
    title: str
    admin_unit_code: str
    starts_at: datetime
    ends_at: datetime
    topic: str = ""
    organizer_id: int | None = None
    place: str = ""
    online_url: str = ""
    capacity: int | None = None
    agenda: str = ""
    documents: Sequence[Document] = field(default_factory=list)
    trainer: str = ""
    hours: Decimal | float | None = None
    pass_mark: int | None = None
    recurrence: Recurrence | None = None
    occurrences: int = 1


UPDATABLE = {
    "title",
    "topic",
    "organizer_id",
    "place",
    "online_url",
    "starts_at",
    "ends_at",
    "capacity",
    "agenda",
    "documents",
    "minutes",
    "trainer",
    "hours",
    "pass_mark",
    "cancelled",
}


def aware(value: datetime) -> datetime:
    return value.replace(tzinfo=VIETNAM) if value.tzinfo is None else value


def _url(value: str, field: str) -> str:
    value = value.strip()
    if value and (
        not value.lower().startswith(("https://", "http://")) or len(value) > 500 or " " in value
    ):
        raise DomainError("INVALID_URL", field=field)
    return value


def _documents(value: Sequence[Document | Mapping[str, str]]) -> list[dict[str, str]]:
    if len(value) > MAX_DOCUMENTS:
        raise DomainError("TOO_MANY_DOCUMENTS", field="documents", max=MAX_DOCUMENTS)
    cleaned = []
    for item in value:
        title = item.title if isinstance(item, Document) else item.get("title", "")
        url = item.url if isinstance(item, Document) else item.get("url", "")
        cleaned.append(
            {
                "title": require_length(title, field="documents", low=1, high=255),
                "url": _url(url, "documents") or "",
            }
        )
        if not cleaned[-1]["url"]:
            raise DomainError("INVALID_URL", field="documents")
    return cleaned


def _in_range(value: int | None, field: str, low: int, high: int) -> int | None:
    if value is not None and not low <= value <= high:
        raise DomainError("NUMBER_OUT_OF_RANGE", field=field, min=low, max=high)
    return value


def _hours(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise DomainError("NUMBER_OUT_OF_RANGE", field="hours", min=0, max=999) from None
    if not Decimal(0) < hours <= Decimal(999):
        raise DomainError("NUMBER_OUT_OF_RANGE", field="hours", min=0, max=999)
    return hours


async def _clean(
    values: Mapping[str, Any], kind: EventKind, current: Event | None
) -> dict[str, Any]:
    """Validate the given fields together, so a form shows every error at once."""
    check = FormCheck()
    cleaned, errors = check.cleaned, check.errors

    text_limits = {"title": (3, 255), "topic": (0, 255), "place": (0, 255), "trainer": (0, 200)}
    for name, (low, high) in text_limits.items():
        if name in values:
            check.clean(
                name,
                lambda n=name, lo=low, hi=high: require_length(
                    values[n] or "", field=_api(n), low=lo, high=hi
                ),
            )
    for name in ("agenda", "minutes"):
        if name in values:
            cleaned[name] = (values[name] or "").strip()
    if "online_url" in values:
        check.clean("online_url", lambda: _url(values["online_url"] or "", "onlineUrl"))
    if "documents" in values:
        check.clean("documents", lambda: _documents(values["documents"] or []))
    if "capacity" in values:
        check.clean("capacity", lambda: _in_range(values["capacity"], "capacity", 1, 100_000))
    if "pass_mark" in values:
        check.clean("pass_mark", lambda: _in_range(values["pass_mark"], "passMark", 0, 100))
    if "hours" in values:
        check.clean("hours", lambda: _hours(values["hours"]))
    if "cancelled" in values:
        cleaned["cancelled"] = bool(values["cancelled"])
    for name in ("starts_at", "ends_at"):
        if name in values:
            cleaned[name] = aware(values[name]).astimezone(UTC)
    if "organizer_id" in values:
        organizer_id = values["organizer_id"]
        if organizer_id is not None and not await Organization.exists(
            id=organizer_id, is_active=True
        ):
            errors.append(DomainError("ORGANIZATION_NOT_FOUND", field="organizerId"))
        cleaned["organizer_id"] = organizer_id

    def final(name: str) -> Any:
        return cleaned.get(name, getattr(current, name, None) if current else None)

    starts, ends = final("starts_at"), final("ends_at")
    if starts is not None and ends is not None and ends <= starts:
        errors.append(DomainError("INVALID_PERIOD", field="endsAt"))
    if not (final("place") or final("online_url")) and not any(
        e.field in ("place", "onlineUrl") for e in errors
    ):
        errors.append(DomainError("PLACE_OR_LINK_REQUIRED", field="place"))
    if kind != EventKind.TRAINING:
        for name in TRAINING_ONLY:
            if values.get(name) not in (None, ""):
                errors.append(DomainError("TRAINING_ONLY", field=_api(name)))
    check.raise_errors()
    return cleaned


def _api(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def _shift(value: datetime, months: int) -> datetime:
    """The same day and time ``months`` later (the 31st becomes the month's last day)."""
    local = value.astimezone(VIETNAM)
    month_index = local.month - 1 + months
    year, month = local.year + month_index // 12, month_index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day).astimezone(UTC)


async def get(actor: Actor, *, event_id: int, field: str = "eventId") -> Event:
    require_activity_reader(actor)
    return await first_or_not_found(
        visible(actor, Event.filter(id=event_id)), "EVENT_NOT_FOUND", field=field
    )


def get_all(
    actor: Actor,
    *,
    within: AdminUnit | None = None,
    kind: EventKind | None = None,
    starts_after: datetime | None = None,
    starts_before: datetime | None = None,
    ends_after: datetime | None = None,
    series_id: int | None = None,
    include_cancelled: bool = False,
) -> QuerySet[Event]:
    require_activity_reader(actor)
    query = visible(actor, Event.all())
    if within is not None:
        query = query.filter(unit_path__startswith=within.path)
    if kind is not None:
        query = query.filter(kind=kind)
    if starts_after is not None:
        query = query.filter(starts_at__gte=aware(starts_after))
    if starts_before is not None:
        query = query.filter(starts_at__lt=aware(starts_before))
    if ends_after is not None:
        query = query.filter(ends_at__gt=aware(ends_after))
    if series_id is not None:
        query = query.filter(series_id=series_id)
    if not include_cancelled:
        query = query.filter(cancelled=False)
    return query.order_by("starts_at", "id")


async def create(actor: Actor, *, data: EventData) -> list[Event]:
    """Create an event, or every occurrence of a recurring one; return them in order."""
    require_role(actor, EDITOR_ROLES)
    check = FormCheck()
    errors = check.errors
    unit: AdminUnit | None = None
    with check.catch():
        unit = await admin_units.get_in_scope(actor, code=data.admin_unit_code)
    values = {
        name: getattr(data, name)
        for name in UPDATABLE - {"minutes", "cancelled"}
        if hasattr(data, name)
    }
    occurrences = data.occurrences if data.recurrence else 1
    if data.recurrence and not 2 <= occurrences <= MAX_OCCURRENCES:
        errors.append(
            DomainError("NUMBER_OUT_OF_RANGE", field="occurrences", min=2, max=MAX_OCCURRENCES)
        )
    try:
        cleaned = await _clean(values, data.kind, None)
    except ValidationFailed as failed:
        errors = [*errors, *failed.errors]
    if errors or unit is None:
        raise ValidationFailed(errors)
    series = None
    if data.recurrence:
        series = await EventSeries.create(recurrence=data.recurrence, occurrences=occurrences)
    step = _MONTHS[data.recurrence] if data.recurrence else 0
    created = []
    for index in range(occurrences):
        row = {
            **cleaned,
            "starts_at": _shift(cleaned["starts_at"], index * step),
            "ends_at": _shift(cleaned["ends_at"], index * step),
        }
        created.append(
            await Event.create(
                kind=data.kind,
                admin_unit_id=unit.id,
                unit_path=unit.path,
                series_id=series.id if series else None,
                created_by_id=actor.user_id,
                **row,
            )
        )
    for event in created:
        await audit.record(actor, "event.create", "Event", event.id, [*cleaned, "kind"])
    return created


async def update(actor: Actor, *, event_id: int, changes: Mapping[str, Any]) -> Event:
    """Change one event (one occurrence of a series); minutes are added here afterwards."""
    require_role(actor, EDITOR_ROLES)
    require_updatable(changes, UPDATABLE)
    event = await get(actor, event_id=event_id, field="id")
    if not actor.can_see(event.unit_path):
        raise DomainError(
            "OUT_OF_SCOPE", field="id", code=event.unit_path.strip("/").split("/")[-1]
        )
    cleaned = await _clean(changes, event.kind, event)
    changed = audit.apply_changes(event, cleaned)
    if changed:
        event.sequence += 1
        await event.save(update_fields=[*changed, "sequence", "updated_at"])
        if "pass_mark" in changed:
            await refresh_completion(event)
        await audit.record(actor, "event.update", "Event", event.id, changed)
    return event


async def refresh_completion(event: Event) -> None:
    """Keep ``Attendance.completed`` in step with the event's pass mark (two UPDATEs)."""
    attendances = Attendance.filter(event_id=event.id)
    if event.pass_mark is None:
        await attendances.update(completed=True)
        return
    await attendances.filter(score__isnull=True).update(passed=None, completed=False)
    await attendances.filter(score__lt=event.pass_mark).update(passed=False, completed=False)
    await attendances.filter(score__gte=event.pass_mark).update(passed=True, completed=True)
