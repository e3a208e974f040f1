"""Keep the benchmark runnable: its generator and measurements on a tiny registry."""

from __future__ import annotations

import httpx

from bench.network import Size, generate, measure
from network.models import AdminUnit, FocalPointDesignation, Member, Organization, PlatformAdoption

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


async def test_the_survey_benchmark_runs_through_the_app(
    client: httpx.AsyncClient, tree: AdminUnit
) -> None:
    from bench.surveys import Size
    from bench.surveys import measure as measure_surveys

    rows = await measure_surveys(client, tree, Size(synced=200, total=500, runs=2))

    metrics = [row.metric for row in rows]
    assert metrics[1:8] == [
        "ingest 200 responses (GraphQL, batches of 100)",
        "re-send 200 (all DUPLICATE)",
        "ingest 200 rosters (20 questions + 5 members x 5)",
        "re-send 200 rosters (all DUPLICATE)",
        "ingest next 200, 4 phones at once",
        "re-send those, 4 phones at once",
        "grow by 100 (sync service)",
    ]
    assert metrics[8] == "surveyResults province (500 responses, 8 SQL)"
    assert metrics[9].startswith("surveyResults commune 32002 (")
    assert rows[0].passed, rows[0]  # a batch of 100 twenty-question responses fits


async def test_the_list_floors_answer_the_same_json_as_graphql(client: httpx.AsyncClient) -> None:
    from bench.lists import LISTS, floor_app, seed_lists
    from bench.network import sign_in

    await generate(Size(organizations=60, members=120))
    root = await AdminUnit.get(code="96")
    await seed_lists(root, 60)
    await sign_in(client, root)
    floor = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=floor_app("unused", root.path, root.code)),
        base_url="http://floor",
    )

    async with floor:
        for case in LISTS:
            for total in (False, True):
                answer = await client.post("/graphql", json={"query": case.document(total)})
                suffix = "?total=1" if total else ""
                orm = await floor.get(f"/orm/{case.name}{suffix}")
                raw = await floor.get(f"/raw/{case.name}{suffix}")

                assert answer.json() == orm.json() == raw.json(), case.name
                assert len(answer.json()["data"][case.name]["edges"]) == 50, case.name


async def test_every_kind_of_the_load_is_answered_without_refusal(
    settings: object, system: object, tree: AdminUnit
) -> None:
    """The load's documents are valid and its writes accepted: one request of each kind
    through the app, as two field users and the partner key of ``bench.load``."""
    from api.app import create_app
    from bench.load import MIX, FieldUser, Recorder, _fixtures
    from demo.surveys import seed_demo_surveys
    from network.models import AdminUnitKind, OrganizationKind

    communes = await AdminUnit.filter(
        parent_id=tree.id, kind__in=[AdminUnitKind.COMMUNE, AdminUnitKind.WARD]
    ).order_by("path")
    for commune in communes[:2]:
        await Organization.create(
            name=f"Tổ CNSCĐ {commune.name}", name_folded=f"to {commune.code}",
            kind=OrganizationKind.COMMUNITY_TECH_TEAM, admin_unit_id=commune.id,
            unit_path=commune.path,
        )  # fmt: skip
    await seed_demo_surveys(system, tree)  # type: ignore[arg-type]
    world = await _fixtures(tree, system, users=2)  # type: ignore[arg-type]
    members_before = await Member.all().count()
    transport = httpx.ASGITransport(
        app=create_app(settings, manage_database=False),  # type: ignore[arg-type]
        client=("127.0.0.1", 50000),
    )
    recorder = Recorder()
    for n, plan in enumerate(world.users):
        user = FieldUser(plan, world, "http://testserver", 30.0, n, transport=transport)
        try:
            await user.sign_in()
            for kind, _share in MIX:
                await user.send(kind, recorder)
        finally:
            await user.close()

    assert sum(share for _kind, share in MIX) == 100
    assert {kind: len(s.latencies_ms) for kind, s in recorder.by_kind.items()} == {
        kind: 2 for kind, _share in MIX
    }
    refused = {k: s.first_error for k, s in recorder.by_kind.items() if s.errors}
    assert refused == {}
    assert await Member.all().count() == members_before + 2  # the walk-ins registered
