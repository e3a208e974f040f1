"""Events on top of the small registry, at fixed times relative to ``NOW``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from activities import events
from activities.events import EventData
from activities.models import Event, EventKind
from core.actor import Actor

NOW = datetime.now(UTC).replace(microsecond=0)
SECRET = "test-secret-key-" + "x" * 32


async def make_event(
    actor: Actor,
    *,
    kind: EventKind = EventKind.TRAINING,
    unit: str = "32002",
    starts_in: timedelta = timedelta(minutes=-30),
    hours: float = 4,
    title: str = "Tập huấn kỹ năng số",
    **extra: object,
) -> Event:
    starts = NOW + starts_in
    data = EventData(
        kind=kind,
        title=title,
        admin_unit_code=unit,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        place="Hội trường UBND phường",
        hours=hours if kind == EventKind.TRAINING else None,
        **extra,  # type: ignore[arg-type]
    )
    (event,) = await events.create(actor, data=data)
    return event
