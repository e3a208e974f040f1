"""``networkKpis`` as the PWA's dashboard asks for it (pwa/src/data/kpis.ts): every figure
for the subtree and per child unit, the trained rate with its part and whole, and a cost
in SQL statements that does not grow with the number of child units."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from core.actor import Actor, Role
from network import kpis as kpi_service
from tests.helpers import gql, sign_in
from tests.network.registry_data import Registry

UNIT_KPIS = """adminUnit { code name kind path } organizations focalPointRequired
    focalPointQualified focalPointRate members membersOnAllCorePlatforms platformAdoptionRate
    trainedRate dxRoleMembers trainedMembers"""
DASHBOARD = f"""query($code: String) {{ networkKpis(adminUnitCode: $code) {{
    totals {{ {UNIT_KPIS} }} organizationsByKind {{ kind count }} corePlatforms
    targets {{ focalPointRate platformAdoptionRate trainedRate }}
    children {{ {UNIT_KPIS} }}
    platforms {{ platform {{ code name nameEn isCore }} membersWithAccess membersActive accessRate }}
}} }}"""


async def test_the_trained_rate_comes_with_its_part_and_whole(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    await sign_in(client, system, "viewer", Role.PROVINCE_ADMIN, "96")

    body = await gql(client, DASHBOARD, {"code": "96"})

    kpis = body["data"]["networkKpis"]
    # role holders: the director (EXPERT), An Xuyên's focal point, the team leader; no training yet
    assert (kpis["totals"]["dxRoleMembers"], kpis["totals"]["trainedMembers"]) == (3, 0)
    assert kpis["totals"]["trainedRate"] == 0.0
    by_code = {c["adminUnit"]["code"]: c for c in kpis["children"]}
    assert (by_code["32002"]["dxRoleMembers"], by_code["32002"]["trainedMembers"]) == (2, 0)
    assert by_code["31843"]["dxRoleMembers"] == 0
    assert by_code["31843"]["trainedRate"] is None  # nobody to train there


@pytest.mark.parametrize("role", [Role.PROVINCE_ADMIN, Role.UNIT_MANAGER])
async def test_the_dashboard_query_costs_the_same_for_many_children_or_none(
    client: httpx.AsyncClient,
    system: Actor,
    registry: Registry,
    count_queries: object,
    role: Role,
) -> None:
    scope = "96" if role is Role.PROVINCE_ADMIN else "32002"
    await sign_in(client, system, "viewer", role, scope)
    # the province (64 communes below it), then a ward and a commune with no unit below
    codes = ["96", "32002", "31843"] if role is Role.PROVINCE_ADMIN else ["32002"]
    counts = []
    for code in codes:
        count_queries.queries.clear()  # type: ignore[attr-defined]
        body = await gql(client, DASHBOARD, {"code": code})
        assert "errors" not in body, body
        assert body["data"]["networkKpis"]["totals"]["adminUnit"]["code"] == code
        counts.append(len(count_queries))  # type: ignore[arg-type]

    # session, the unit, subtree, children, by kind, qualified focal points, core count,
    # members, role holders, trained, then platforms: members, adoptions, the catalogue;
    # the province also asks whether it is the sole root (then it scans without a prefix)
    assert counts == ([14, 13, 13] if role is Role.PROVINCE_ADMIN else [13])


async def test_the_dashboard_within_its_max_age_costs_no_kpi_query(
    settings: Settings, db: str, system: Actor, registry: Registry, count_queries: object
) -> None:
    """``DXNET_KPI_MAX_AGE_SECONDS`` reaches the figures and the platforms: a second
    dashboard within it runs only the session and the unit look-ups (decision 0040)."""
    app = create_app(replace(settings, kpi_max_age_seconds=15), manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            await sign_in(http, system, "viewer", Role.PROVINCE_ADMIN, "96")
            first = await gql(http, DASHBOARD, {"code": "96"})
            count_queries.queries.clear()  # type: ignore[attr-defined]
            again = await gql(http, DASHBOARD, {"code": "96"})
    finally:
        kpi_service._RECENT_KPIS.clear()
        kpi_service._RECENT_PLATFORMS.clear()

    assert again == first
    assert len(count_queries) == 2  # type: ignore[arg-type]  # session, the unit
