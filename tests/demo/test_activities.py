"""The demo activities: idempotent, and empty while the Network has no tech teams."""

from __future__ import annotations

from activities.models import Attendance, Event
from core.actor import Actor
from core.clock import utcnow
from demo.activities import TODAY_TITLE, seed_demo_activities
from network.models import AdminUnit
from tests.network.registry_data import Registry, build_registry


async def test_demo_seed_is_idempotent_and_empty_without_tech_teams(
    system: Actor, tree: AdminUnit
) -> None:
    assert (
        await seed_demo_activities(system, tree) == type(await seed_demo_activities(system, tree))()
    )
    registry: Registry = await build_registry(system)

    first = await seed_demo_activities(system, tree)
    second = await seed_demo_activities(system, tree)

    assert first == second
    # one training (one commune has a tech team) + 12 briefings + the training going on
    # now in the demo field staff's ward, to try check-in with
    assert first.events == 14
    today = await Event.get(title=TODAY_TITLE)
    assert today.starts_at <= utcnow() <= today.ends_at
    assert first.campaigns == 1 and first.field_logs > 0
    assert await Event.filter(title__startswith="Tập huấn kỹ năng số").count() == 1
    assert await Attendance.filter(member_id=registry.team_leader.id).count() <= 1
