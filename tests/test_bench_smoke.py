"""Keep the benchmark runnable: its generator and measurements on a tiny registry."""

from __future__ import annotations

import httpx

from bench.network import Size, generate, measure
from network.models import (
    AdminUnit,
    FocalPointDesignation,
    Member,
    Organization,
    PlatformAdoption,
)

SMALL = Size(organizations=30, members=300)


async def test_the_generator_fills_a_small_registry(db: str) -> None:
    made = await generate(SMALL)

    assert (made.organizations, made.members) == (30, 300)
    assert await Organization.all().count() == 30
    assert await Member.all().count() == 300
    assert made.focal_points == await FocalPointDesignation.all().count() > 0
    assert made.adoptions == await PlatformAdoption.all().count() > 0
    assert await Member.filter(core_platforms__gt=0).count() > 0


async def test_the_measurements_run_through_the_app(client: httpx.AsyncClient) -> None:
    await generate(SMALL)
    root = await AdminUnit.get(code="96")

    rows = {row.metric: row for row in await measure(client, root, runs=2)}

    assert rows["members SQL per request"].passed, rows["members SQL per request"]
    assert rows["network_kpis (service)"].passed is not None
    assert not any("not available" in row.value for row in rows.values()), rows
