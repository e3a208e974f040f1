"""Project milestones in a unit's public iCalendar feed: the unit's subtree only, cancelled
projects left out, nothing but the code, name, title and day (decision 0031)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from icalendar import Calendar

from core.actor import Actor
from core.clock import today_in_vietnam
from network.models import AdminUnit
from projects import services, tasks
from projects.models import ProjectStatus
from tests.projects.project_data import HOME, OTHER, make_project, unit_people


async def test_unit_feed_lists_its_subtrees_milestones_as_all_day_entries(
    client: httpx.AsyncClient, system: Actor, tree: AdminUnit, count_queries: Any
) -> None:
    home = await unit_people(system, HOME, phone_prefix="09130000")
    other = await unit_people(system, OTHER, phone_prefix="09131000")
    ward = await make_project(system, home, code="DA-LICH-1")
    due = today_in_vietnam() + timedelta(days=20)
    kept = await tasks.add_milestone(system, project_id=ward.id, title="Khai trương", due_on=due)
    elsewhere = await make_project(system, other, code="DA-LICH-2", admin_unit_code=OTHER)
    await tasks.add_milestone(system, project_id=elsewhere.id, title="Ở xã khác", due_on=due)
    dropped = await make_project(system, home, code="DA-LICH-3")
    await tasks.add_milestone(system, project_id=dropped.id, title="Đã hủy", due_on=due)
    await services.update(
        system, project_id=dropped.id, changes={"status": ProjectStatus.CANCELLED}
    )

    count_queries.queries.clear()
    response = await client.get(f"/calendar/unit/{HOME}.ics")
    # the unit and the milestones with their projects; the unit and its events
    assert len(count_queries) == 4

    assert response.status_code == 200
    entries = {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert list(entries) == [f"milestone-{kept.id}@testserver"]
    entry = entries[f"milestone-{kept.id}@testserver"]
    assert entry["DTSTART"].dt == due
    assert entry["DTEND"].dt == due + timedelta(days=1)
    assert str(entry["SUMMARY"]) == "Dự án DA-LICH-1: Khai trương"
    text = response.content.decode()
    for private in ("Nguyễn Văn An", "Trần Thị Bình", "1500000000", "09130000"):
        assert private not in text
    # the province's feed holds both communes' milestones, in as many queries
    count_queries.queries.clear()
    province = Calendar.from_ical((await client.get("/calendar/unit/96.ics")).content)
    assert len(count_queries) == 4
    titles = sorted(str(e["SUMMARY"]) for e in province.walk("VEVENT"))
    assert titles == ["Dự án DA-LICH-1: Khai trương", "Dự án DA-LICH-2: Ở xã khác"]
