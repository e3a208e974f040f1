"""Project milestones as iCalendar entries, for the unit's public feed (decision 0031).

The unit feed (``/calendar/unit/{code}.ics``, built by ``activities.ical``) needs no
session, so a milestone carries only what the plan publishes anyway: the project's code
and name, the milestone's title and due day, and whether it is done. No owner, team,
budget or report. Scope: the projects of the unit and the units below it (a commune's
feed shows its own projects, the province's all of them), never a sibling's; cancelled
projects are left out.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Event as CalendarEvent

from core.clock import VIETNAM, utcnow
from network.models import AdminUnit
from projects.models import Milestone, ProjectStatus

FEED_PAST = timedelta(days=180)
FEED_FUTURE = timedelta(days=400)
FEED_LIMIT = 500


async def unit_milestone_entries(
    *, code: str, host: str, now: datetime | None = None
) -> list[CalendarEvent]:
    """All-day entries for the milestones of projects in the unit's subtree (one query
    for the unit, one for the milestones with their projects); none for an unknown unit."""
    unit = await AdminUnit.get_or_none(code=code).only("id", "path")
    if unit is None:
        return []
    today = (now or utcnow()).astimezone(VIETNAM).date()
    rows = (
        await Milestone.filter(
            project__unit_path__startswith=unit.path,
            due_on__gte=today - FEED_PAST,
            due_on__lt=today + FEED_FUTURE,
        )
        .exclude(project__status=ProjectStatus.CANCELLED)
        .select_related("project")
        .order_by("due_on", "id")
        .limit(FEED_LIMIT)
    )
    return [_entry(m, host, stamp=now or utcnow()) for m in rows]


def _entry(milestone: Milestone, host: str, *, stamp: datetime) -> CalendarEvent:
    project = milestone.project
    due: date = milestone.due_on
    entry = CalendarEvent()
    entry.add("uid", f"milestone-{milestone.id}@{host}")
    entry.add("dtstamp", stamp)
    entry.add("dtstart", due)
    entry.add("dtend", due + timedelta(days=1))
    entry.add("summary", f"{project.name}: {milestone.title}")
    entry.add("categories", ["MILESTONE"])
    entry.add("transp", "TRANSPARENT")
    entry.add("status", "CONFIRMED")
    done = "Đã hoàn thành / Done" if milestone.done_on else "Mốc dự án / Project milestone"
    entry.add("description", f"{project.code} · {done}")
    return entry
