"""The Network registry at province scale: 5,000 organisations and 100,000 members.

Builds a temporary SQLite database (the real Cà Mau tree plus synthetic organisations,
members, focal points and platform use), then times, through the real ASGI app and as a
signed-in province admin:

(a) ``members(first: n)`` with organisation and admin unit, for n = 10 and 50: SQL
    statements per request (must not depend on n), median/p95 latency, requests/s;
(b) ``networkKpis`` via GraphQL and the ``network_kpis`` service directly (target: p95
    under 200 ms);
(c) ``members(search: "nguyen van")``.

Run with ``python -m bench network`` (``--members``/``--organizations`` to resize;
``--large`` runs at 100,000 and at 500,000 members and prints each latency's growth,
goal: within 20 %).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from tortoise.transactions import in_transaction

from accounts import services as accounts
from api.app import create_app
from api.settings import Settings
from bench.databases import bench_database
from core.actor import Actor, Role
from core.text import fold
from network.kpis import KpiPolicy, network_kpis
from network.members import encode_roles
from network.models import (
    AdminUnit,
    AdoptionStatus,
    FocalPointDesignation,
    ITQualification,
    Member,
    MemberStatus,
    NetworkRole,
    Organization,
    OrganizationKind,
    Platform,
    PlatformAdoption,
)
from network.seed import seed_platforms, seed_province

PROVINCE = 96
BATCH = 5000
KPI_TARGET_MS = 200.0
GENERATION_TARGET_S = 60.0
PASSWORD = "bench-password-2025"

MEMBERS_QUERY = """
query($n: Int) {
  members(first: $n) {
    totalCount
    edges { node { id fullName organization { name } adminUnit { name } } }
  }
}
"""
KPIS_QUERY = """
query { networkKpis(adminUnitCode: "96") { totals { members membersOnAllCorePlatforms } } }
"""
_UNIT_KPIS = (
    "adminUnit { code name kind path } organizations focalPointRequired focalPointQualified "
    "focalPointRate members membersOnAllCorePlatforms platformAdoptionRate trainedRate "
    "dxRoleMembers trainedMembers"
)
# The PWA's KPI dashboard document (pwa/src/data/kpis.ts).
DASHBOARD_QUERY = f"""query Kpis($code: String) {{ networkKpis(adminUnitCode: $code) {{
  totals {{ {_UNIT_KPIS} }} organizationsByKind {{ kind count }} corePlatforms
  targets {{ focalPointRate platformAdoptionRate trainedRate }}
  children {{ {_UNIT_KPIS} }}
  platforms {{ platform {{ code name nameEn isCore }} membersWithAccess membersActive accessRate }} }} }}"""
SEARCH_QUERY = """
query { members(search: "nguyen van", first: 20) { totalCount edges { node { id fullName } } } }
"""
LOGIN = """
mutation Login($input: LoginInput!) {
  login(input: $input) { viewer { username } errors { field code message } }
}
"""

_SURNAMES = ("Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng")
_MIDDLE = ("Văn", "Văn", "Thị", "Thị", "Minh", "Ngọc", "Thanh", "Hoàng", "Quốc", "Kim")
_GIVEN = ("An", "Bình", "Hà", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Phúc", "Tâm", "Yến")
_KINDS = (
    (OrganizationKind.COMMUNITY_TECH_TEAM, "Tổ công nghệ số cộng đồng", 0.7),
    (OrganizationKind.ENTERPRISE, "Doanh nghiệp", 0.15),
    (OrganizationKind.PUBLIC_SERVICE_UNIT, "Trường học", 0.15),
)


@dataclass(frozen=True)
class Size:
    organizations: int = 5_000
    members: int = 100_000
    adoption_share: float = 0.5  # members with platform-adoption rows


@dataclass(frozen=True)
class Generated:
    organizations: int
    members: int
    focal_points: int
    adoptions: int
    seconds: float


@dataclass(frozen=True)
class Row:
    """One line of the summary table."""

    metric: str
    value: str
    target: str = "-"
    passed: bool | None = None  # None: no target
    median_ms: float | None = None  # compared across sizes by --large
    # A text search's total counts the names that match, so it grows with them: shown
    # across sizes, not judged against the 20 % (decision 0041).
    counts_matches: bool = False

    @property
    def verdict(self) -> str:
        return "-" if self.passed is None else ("PASS" if self.passed else "FAIL")


@dataclass
class Timings:
    samples_ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)]

    def describe(self) -> str:
        return f"median {self.median:7.1f} ms   p95 {self.p95:7.1f} ms"


# --- data generation -------------------------------------------------------------------


async def generate(size: Size, *, rng_seed: int = 7) -> Generated:
    """Fill the current database: the real tree, then synthetic organisations, members,
    focal points and platform use. Works on whatever connection Tortoise holds."""
    started = time.perf_counter()
    rng = random.Random(rng_seed)
    async with in_transaction():
        await seed_province(PROVINCE)
        await seed_platforms()
        root = await AdminUnit.get(code=str(PROVINCE))
        communes = await AdminUnit.filter(parent_id=root.id).order_by("code")
        org_rows = _organizations(rng, root, communes, size.organizations)
        first_org = await _next_id(Organization)
        await Organization.bulk_create(org_rows, batch_size=BATCH)
        org_ids = await _ids_from(Organization, first_org)
        orgs = list(zip(org_ids, org_rows, strict=True))
        focal_orgs = [
            i
            for i, (_, o) in enumerate(orgs)
            if o.kind
            in (OrganizationKind.PEOPLES_COMMITTEE, OrganizationKind.PROVINCIAL_DEPARTMENT)
        ]
        core = [p.id for p in await Platform.filter(is_core=True).order_by("sort_order")]

        # Each focal organisation's first member is its focal point; the rest are random.
        owners = [*focal_orgs, *(rng.randrange(len(orgs)) for _ in range(size.members))]
        owners = owners[: size.members]
        adopted = [rng.random() < size.adoption_share for _ in owners]
        counts = [_core_count(rng, len(core)) if a else 0 for a in adopted]
        focal = set(range(min(len(focal_orgs), size.members)))
        first_member = await _next_id(Member)
        # Phones already there (the demo data grown by bench load) stay with their owner.
        taken = set(await Member.exclude(phone=None).values_list("phone", flat=True))
        for start in range(0, len(owners), BATCH):
            batch = [
                _member(rng, i, *orgs[owners[i]], counts[i], i in focal)
                for i in range(start, min(start + BATCH, len(owners)))
            ]
            for member in batch:
                if member.phone in taken:
                    member.phone = None
            await Member.bulk_create(batch)
        member_ids = await _ids_from(Member, first_member)
        await FocalPointDesignation.bulk_create(
            [
                FocalPointDesignation(
                    organization_id=orgs[owners[i]][0],
                    member_id=member_ids[i],
                    designated_on=date(2025, 8, 1),
                )
                for i in sorted(focal)
            ],
            batch_size=BATCH,
        )
        adoptions = 0
        pending: list[PlatformAdoption] = []
        for i, n in enumerate(counts):
            for platform_id in rng.sample(core, n):
                status = (
                    AdoptionStatus.ACTIVE_USE if rng.random() < 0.5 else AdoptionStatus.HAS_ACCESS
                )
                pending.append(
                    PlatformAdoption(
                        member_id=member_ids[i], platform_id=platform_id, status=status
                    )
                )
            if len(pending) >= BATCH:
                adoptions += len(pending)
                await PlatformAdoption.bulk_create(pending)
                pending = []
        adoptions += len(pending)
        await PlatformAdoption.bulk_create(pending)
    return Generated(
        organizations=len(orgs),
        members=len(owners),
        focal_points=len(focal),
        adoptions=adoptions,
        seconds=time.perf_counter() - started,
    )


def _organizations(
    rng: random.Random, root: AdminUnit, communes: Sequence[AdminUnit], total: int
) -> list[Organization]:
    """One People's Committee per commune, 15 departments, the rest spread over communes."""

    def org(name: str, kind: OrganizationKind, unit: AdminUnit) -> Organization:
        return Organization(
            name=name, name_folded=fold(name), kind=kind, admin_unit_id=unit.id, unit_path=unit.path
        )

    rows = [org(f"UBND {c.name}", OrganizationKind.PEOPLES_COMMITTEE, c) for c in communes]
    rows += [
        org(f"Sở {n} (bench)", OrganizationKind.PROVINCIAL_DEPARTMENT, root) for n in range(1, 16)
    ]
    weights = [share for _, _, share in _KINDS]
    for n in range(len(rows) + 1, total + 1):
        kind, label, _ = rng.choices(_KINDS, weights)[0]
        unit = rng.choice(communes)
        rows.append(org(f"{label} {n} {unit.name} (bench)", kind, unit))
    return rows[:total]


def _core_count(rng: random.Random, core: int) -> int:
    """How many core platforms an adopting member uses: most use all of them."""
    return core if rng.random() < 0.6 else rng.randint(1, max(1, core - 1))


def _member(
    rng: random.Random, i: int, org_id: int, org: Organization, core_count: int, focal: bool
) -> Member:
    name = f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
    team = org.kind == OrganizationKind.COMMUNITY_TECH_TEAM
    roles = [NetworkRole.TECH_TEAM_MEMBER if team else NetworkRole.MEMBER]
    if focal:
        roles.append(NetworkRole.FOCAL_POINT)
    return Member(
        full_name=name,
        name_folded=fold(name),
        phone=f"09{i:08d}",
        email=f"member{i}@bench.invalid" if i % 10 == 0 else None,
        organization_id=org_id,
        admin_unit_id=org.admin_unit_id,
        unit_path=org.unit_path,
        position="Thành viên",
        it_qualification=ITQualification(rng.randrange(7)),
        roles=encode_roles(roles),
        joined_on=date(2024, 1, 1) + timedelta(days=i % 700),
        status=MemberStatus.ACTIVE if i % 50 else MemberStatus.INACTIVE,
        core_platforms=core_count,
    )


async def _next_id(model: type[Organization] | type[Member]) -> int:
    last = await model.all().order_by("-id").first()
    return 1 if last is None else last.id + 1


async def _ids_from(model: type[Organization] | type[Member], first: int) -> list[int]:
    """Ids of the rows just bulk-inserted, in insertion order (ids grow with each row)."""
    ids = await model.filter(id__gte=first).order_by("id").values_list("id", flat=True)
    return [int(str(i)) for i in ids]


# --- measurements ----------------------------------------------------------------------


class QueryLog(logging.Handler):
    """Collects the SQL statements Tortoise logs (one DEBUG record per statement)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.queries: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == "%s: %s" and record.args:
            self.queries.append(str(record.args[0]))

    def __len__(self) -> int:
        return len(self.queries)

    @property
    def count(self) -> int:
        return len(self.queries)


@contextmanager
def counting_queries() -> Iterator[QueryLog]:
    """Record every SQL statement Tortoise sends (it logs each one at DEBUG) while open."""
    logger = logging.getLogger("tortoise.db_client")
    handler, previous = QueryLog(), logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


async def post(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> Any:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"content-type": "application/json"},
    )
    return response.json()


async def time_runs(runs: int, call: Callable[[], Awaitable[object]]) -> Timings:
    timings = Timings()
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        timings.samples_ms.append((time.perf_counter() - started) * 1000)
    return timings


def unavailable(body: Any) -> str | None:
    """The first error message when the API cannot answer (e.g. a field not there yet)."""
    if not isinstance(body, dict) or body.get("errors") or body.get("data") is None:
        errors = body.get("errors") if isinstance(body, dict) else None
        return str(errors[0].get("message")) if errors else repr(body)[:200]
    return None


async def sign_in(client: httpx.AsyncClient, root: AdminUnit, username: str = "bench") -> None:
    system = Actor.system(root.path, root.code)
    async with in_transaction():
        await accounts.create_user(
            system,
            username=username,
            password=PASSWORD,
            display_name="Benchmark",
            roles=[Role.PROVINCE_ADMIN],
            scope_code=root.code,
        )
    body = await post(client, LOGIN, {"input": {"username": username, "password": PASSWORD}})
    errors = (body.get("data") or {}).get("login", {}).get("errors")
    if errors or body.get("errors"):
        raise RuntimeError(f"benchmark sign-in failed: {body}")


async def measure_members(client: httpx.AsyncClient, runs: int) -> list[Row]:
    rows: list[Row] = []
    counts: dict[int, int] = {}
    for n in (10, 50):
        with counting_queries() as log:
            body = await post(client, MEMBERS_QUERY, {"n": n})
        if (error := unavailable(body)) is not None:
            return [Row("members list", f"field not available: {error}")]
        counts[n] = log.count
        edges = len(body["data"]["members"]["edges"])
        timings = await time_runs(runs, partial(post, client, MEMBERS_QUERY, {"n": n}))
        rate = 1000 * runs / sum(timings.samples_ms)
        print(
            f"  members(first:{n:>2}) {edges:>3} edges, {log.count:>2} SQL   "
            f"{timings.describe()}   {rate:6.1f} req/s"
        )
        rows.append(
            Row(f"members(first:{n}) latency", timings.describe(), median_ms=timings.median)
        )
        rows.append(Row(f"members(first:{n}) throughput", f"{rate:.1f} req/s"))
    rows.insert(
        0,
        Row(
            "members SQL per request",
            f"{counts[10]} (n=10), {counts[50]} (n=50)",
            "same for both",
            counts[10] == counts[50],
        ),
    )
    return rows


async def measure_kpis(client: httpx.AsyncClient, root: AdminUnit, runs: int) -> list[Row]:
    rows: list[Row] = []
    target = f"p95 < {KPI_TARGET_MS:.0f} ms"
    body = await post(client, KPIS_QUERY)
    if (error := unavailable(body)) is not None:
        rows.append(Row("networkKpis (GraphQL)", f"field not available: {error}"))
    else:
        timings = await time_runs(runs, lambda: post(client, KPIS_QUERY))
        print(f"  networkKpis (GraphQL)   {timings.describe()}")
        rows.append(
            Row(
                "networkKpis (GraphQL)",
                timings.describe(),
                target,
                timings.p95 < KPI_TARGET_MS,
                timings.median,
            )
        )
        # The dashboard's own document: every figure, per child unit and per platform.
        dashboard = {"code": str(PROVINCE)}
        timings = await time_runs(runs, lambda: post(client, DASHBOARD_QUERY, dashboard))
        print(f"  networkKpis (dashboard) {timings.describe()}")
        rows.append(
            Row(
                "networkKpis, the PWA dashboard's document",
                timings.describe(),
                target,
                timings.p95 < KPI_TARGET_MS,
                timings.median,
            )
        )
    system = Actor.system(root.path, root.code)
    with counting_queries() as log:
        kpis = await network_kpis(system, unit=root, policy=KpiPolicy())
    timings = await time_runs(runs, lambda: network_kpis(system, unit=root, policy=KpiPolicy()))
    print(
        f"  network_kpis (service)  {timings.describe()}   {log.count} SQL; "
        f"focal points {kpis.totals.focal_point_rate}, adoption {kpis.totals.platform_adoption_rate}"
    )
    rows.append(
        Row(
            "network_kpis (service)",
            timings.describe(),
            target,
            timings.p95 < KPI_TARGET_MS,
            timings.median,
        )
    )
    return rows


async def measure_search(client: httpx.AsyncClient, runs: int) -> list[Row]:
    body = await post(client, SEARCH_QUERY)
    if (error := unavailable(body)) is not None:
        return [Row('members(search:"nguyen van")', f"field not available: {error}")]
    found = body["data"]["members"]["totalCount"]
    timings = await time_runs(runs, lambda: post(client, SEARCH_QUERY))
    print(f'  members(search:"nguyen van") {found} found   {timings.describe()}')
    return [
        Row(
            'members(search:"nguyen van")',
            f"{timings.describe()} ({found} found)",
            median_ms=timings.median,
            counts_matches=True,
        )
    ]


# The registry screen's page (25 members with the total found) under each of its filters.
FILTERED_QUERY = """
query($search: String, $kind: OrganizationKind, $min: ITQualification, $platform: String) {
  members(search: $search, organizationKind: $kind, minItQualification: $min,
          platformCode: $platform, first: 25) {
    totalCount edges { node { id fullName position itQualification roles status
      organization { id name } adminUnit { code name } } }
  }
}
"""
FILTERS: tuple[tuple[str, dict[str, str]], ...] = (
    ("platform VNEID", {"platform": "VNEID"}),
    ("kind PEOPLES_COMMITTEE", {"kind": "PEOPLES_COMMITTEE"}),
    ("kind COMMUNITY_TECH_TEAM", {"kind": "COMMUNITY_TECH_TEAM"}),
    ("qualification >= IT_COLLEGE", {"min": "IT_COLLEGE"}),
    ('"nguyen van" + platform + kind', {"search": "nguyen van", "platform": "VNEID",
                                        "kind": "COMMUNITY_TECH_TEAM"}),
)  # fmt: skip


async def measure_filters(client: httpx.AsyncClient, runs: int) -> list[Row]:
    """The registry screen's filtered pages: server paging, so the size of the province
    shows only in the database's time."""
    rows: list[Row] = []
    for label, variables in FILTERS:
        body = await post(client, FILTERED_QUERY, variables)
        if (error := unavailable(body)) is not None:
            return [Row("members filters", f"field not available: {error}")]
        found = body["data"]["members"]["totalCount"]
        timings = await time_runs(runs, partial(post, client, FILTERED_QUERY, variables))
        print(f"  members(first:25, {label}) {found} found   {timings.describe()}")
        rows.append(
            Row(
                f"members(first:25, {label})",
                f"{timings.describe()} ({found} found)",
                median_ms=timings.median,
                counts_matches="search" in variables,
            )
        )
    return rows


async def measure(client: httpx.AsyncClient, root: AdminUnit, *, runs: int = 50) -> list[Row]:
    """Every measurement, through ``client`` (an app client not yet signed in)."""
    await sign_in(client, root)
    return [
        *await measure_members(client, runs),
        *await measure_kpis(client, root, max(1, runs * 3 // 5)),
        *await measure_search(client, max(1, runs * 3 // 5)),
        *await measure_filters(client, max(1, runs * 3 // 5)),
    ]


# --- the whole run ---------------------------------------------------------------------


def app_client(database_url: str, var_dir: Path) -> httpx.AsyncClient:
    settings = Settings(
        database_url=database_url,
        env="test",
        secret_key="bench-secret-key-" + "x" * 32,
        var_dir=var_dir,
        pwa_dist=var_dir / "no-pwa",
    )
    app = create_app(settings, manage_database=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def run(size: Size, *, runs: int = 50) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="dxnet-bench-") as tmp:
        async with bench_database(Path(tmp)) as url:
            print(f"Generating {size.organizations:,} organisations, {size.members:,} members ...")
            made = await generate(size)
            print(
                f"  {made.organizations:,} organisations, {made.members:,} members, "
                f"{made.focal_points:,} focal points, {made.adoptions:,} platform adoptions "
                f"in {made.seconds:.1f} s"
            )
            rows = [
                Row(
                    f"generate {made.members:,} members",
                    f"{made.seconds:.1f} s",
                    f"< {GENERATION_TARGET_S:.0f} s",
                    made.seconds < GENERATION_TARGET_S,
                )
            ]
            root = await AdminUnit.get(code=str(PROVINCE))
            async with app_client(url, Path(tmp)) as client:
                rows += await measure(client, root, runs=runs)
    return rows


def print_table(rows: Sequence[Row]) -> None:
    widths = [max(len(getattr(r, a)) for r in rows) for a in ("metric", "value", "target")]
    print()
    print(f"{'metric':<{widths[0]}}  {'value':<{widths[1]}}  {'target':<{widths[2]}}  result")
    print("-" * (sum(widths) + 12))
    for r in rows:
        print(
            f"{r.metric:<{widths[0]}}  {r.value:<{widths[1]}}  {r.target:<{widths[2]}}  {r.verdict}"
        )


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench network", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--members", type=int, default=Size.members)
    parser.add_argument("--organizations", type=int, default=Size.organizations)
    parser.add_argument("--runs", type=int, default=50, help="requests per measurement")
    parser.add_argument(
        "--large",
        action="store_true",
        help="run at 100,000 and at 500,000 members (25,000 organisations) and compare",
    )
    args = parser.parse_args(list(argv))
    if not args.large:
        rows = asyncio.run(run(Size(args.organizations, args.members), runs=args.runs))
        print_table(rows)
        return 0
    sizes = (Size(5_000, 100_000), Size(25_000, 500_000))
    results = []
    for size in sizes:
        rows = asyncio.run(run(size, runs=args.runs))
        print_table(rows)
        results.append(rows)
    return 0 if print_growth(sizes, results) else 1


GROWTH_LIMIT = 1.2  # issue 19: within 20 % of the latency at 100,000 members


def print_growth(sizes: Sequence[Size], results: Sequence[Sequence[Row]]) -> bool:
    """Each timed metric's median at both sizes and their ratio (goal <= 1.2)."""
    small, large = ({r.metric: r.median_ms for r in rows if r.median_ms} for rows in results)
    searches = {r.metric for rows in results for r in rows if r.counts_matches}
    print(
        f"\n{'median latency':<52} {sizes[0].members:>9,} {sizes[1].members:>9,}  ratio  "
        f"goal <= {GROWTH_LIMIT}"
    )
    met = True
    for metric, before in small.items():
        after = large.get(metric)
        if after is None or before is None:
            continue
        ratio = after / before
        if metric in searches:
            verdict = "- (counts its matches)"
        else:
            met &= ratio <= GROWTH_LIMIT
            verdict = "PASS" if ratio <= GROWTH_LIMIT else "FAIL"
        print(f"{metric:<52} {before:7.1f} ms {after:7.1f} ms  {ratio:5.2f}  {verdict}")
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    return met
