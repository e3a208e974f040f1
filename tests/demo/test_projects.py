"""The DX projects demo: a portfolio in several communes with late, at-risk, done and
proposed projects; safe to run twice."""

from __future__ import annotations

from core.actor import Actor
from demo.projects import seed_demo_projects
from network.models import AdminUnit
from projects import portfolio
from projects.models import ProjectStatus
from tests.projects.project_data import HOME, OTHER, unit_people


async def test_demo_portfolio_has_every_stage(system: Actor, tree: AdminUnit) -> None:
    await unit_people(system, HOME, phone_prefix="09160000")
    await unit_people(system, OTHER, phone_prefix="09160001")
    first = await seed_demo_projects(system, tree)
    again = await seed_demo_projects(system, tree)
    assert first.created == 12 and again.created == 0 and again.projects == 12
    figures = await portfolio.portfolio(system, code=tree.code)
    assert figures.total.late == 2 and figures.total.at_risk >= 2
    assert figures.by_status[ProjectStatus.DONE].count == 2
    assert figures.by_status[ProjectStatus.PROPOSED].count == 2
    assert figures.attention[0].code.startswith("DA-")
