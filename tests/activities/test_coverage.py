"""Completion and the trained-rate KPI, against a hand-computed fixture.

DX-role members of the small registry: the director (EXPERT, focal point; unit 96), the
An Xuyên officer (focal point; 32002) and the team leader (32002). The An Xuyên staff and
the Hồng Dân officer hold no role.

- T1, 32002, 30 days ago, no pass mark: the team leader attends -> completed.
- T2, 96, 100 days ago, pass mark 70: director scores 60 (not completed), An Xuyên
  officer 80 (completed), An Xuyên staff attends (no role: not counted).
- T3, 96, 800 days ago: the director attends (too old for a 730-day period).
- A briefing the director attends (not a training).

So unit 96: 1 DX member, 0 trained; 32002: 2 of 2; the province: 2 of 3.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from tortoise.transactions import in_transaction

from activities import attendance, checkin, coverage
from activities.models import Attendance, EventKind
from core.actor import Actor
from core.clock import today_in_vietnam
from network import kpis
from network.kpis import KpiPolicy
from network.models import AdminUnit
from tests.activities.activity_data import NOW, SECRET, make_event
from tests.network.registry_data import Registry


async def _attend(system: Actor, event_id: int, member_id: int, starts_at: object) -> None:
    async with in_transaction():
        await checkin.check_in(
            system,
            secret=SECRET,
            client_id=f"seed-{event_id}-{member_id}",
            event_id=event_id,
            member_id=member_id,
            now=starts_at + timedelta(hours=1),  # type: ignore[operator]
        )


@pytest.fixture
async def trainings(system: Actor, registry: Registry) -> None:
    t1 = await make_event(system, unit="32002", starts_in=timedelta(days=-30))
    await _attend(system, t1.id, registry.team_leader.id, t1.starts_at)
    t2 = await make_event(system, unit="96", starts_in=timedelta(days=-100), pass_mark=70)
    for member in (registry.director, registry.an_xuyen_officer, registry.an_xuyen_staff):
        await _attend(system, t2.id, member.id, t2.starts_at)
    await attendance.record_scores(
        system,
        event_id=t2.id,
        scores=[(registry.director.id, 60), (registry.an_xuyen_officer.id, 80)],
    )
    t3 = await make_event(system, unit="96", starts_in=timedelta(days=-800))
    await _attend(system, t3.id, registry.director.id, t3.starts_at)
    briefing = await make_event(
        system, kind=EventKind.BRIEFING, unit="96", starts_in=timedelta(days=-5)
    )
    await _attend(system, briefing.id, registry.director.id, briefing.starts_at)


async def test_completion_follows_the_pass_mark(
    system: Actor, registry: Registry, trainings: None
) -> None:
    rows = await Attendance.filter(event__kind=EventKind.TRAINING).values_list(
        "member_id", "score", "passed", "completed"
    )
    by_member = set(rows)
    assert (registry.director.id, 60, False, False) in by_member
    assert (registry.an_xuyen_officer.id, 80, True, True) in by_member
    assert (registry.team_leader.id, None, None, True) in by_member
    assert (registry.an_xuyen_staff.id, None, None, False) in by_member


async def test_trained_counts_per_unit(
    system: Actor, registry: Registry, trainings: None, count_queries: object
) -> None:
    ids = dict(await AdminUnit.filter(code__in=["96", "32002"]).values_list("code", "id"))
    since = NOW.date() - timedelta(days=730)

    queries_before = len(count_queries)  # type: ignore[arg-type]
    counts = await coverage.trained_counts(unit_path_prefix="/96/", since=since)

    assert len(count_queries) - queries_before == 2  # type: ignore[arg-type]
    assert counts == {ids["96"]: (1, 0), ids["32002"]: (2, 2)}
    assert await coverage.trained_counts(unit_path_prefix="/96/32002/", since=since) == {
        ids["32002"]: (2, 2)
    }
    later = NOW.date() - timedelta(days=60)
    assert (await coverage.trained_counts(unit_path_prefix="/96/", since=later))[ids["32002"]] == (
        2,
        1,
    )


async def test_trained_rate_kpi_per_unit_and_child(
    system: Actor, registry: Registry, trainings: None, tree: AdminUnit
) -> None:
    policy = KpiPolicy(trained_counts=coverage.trained_counts_provider)

    figures = await kpis.network_kpis(system, unit=tree, policy=policy)

    assert figures.totals.trained_rate == round(2 / 3, 4)
    by_code = {c.unit.code: c for c in figures.children}
    assert by_code["32002"].trained_rate == 1.0
    assert by_code["31843"].trained_rate is None  # no DX-role member there
    assert policy.trained_target == 1.0


async def test_raising_the_pass_mark_recomputes_completion(
    system: Actor, registry: Registry, trainings: None
) -> None:
    from activities import events
    from activities.models import Event

    t2 = await Event.get(pass_mark=70)
    await events.update(system, event_id=t2.id, changes={"pass_mark": 90})

    since = today_in_vietnam() - timedelta(days=730)
    counts = await coverage.trained_counts(unit_path_prefix="/96/32002/", since=since)
    assert list(counts.values()) == [(2, 1)]
