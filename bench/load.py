"""Load: 100 field users against the real server, then 100 connections with no pause.

Prepares a temporary database (SQLite; PostgreSQL with ``--postgres URL``) with the demo
data (``dxnet seed --demo``) grown to province scale by the network benchmark's grower
(100,000 members), plus what the writes need: a training under way in every commune, a
campaign over the province, one field-staff account per user and a partner API key.
Then starts the real server (``dxnet serve``: one uvicorn worker on SQLite, two on
PostgreSQL; ``--workers`` to choose) on loopback, signs every user in, and runs:

- **users**: ``--users`` (100) users for ``--seconds`` (60), each sending a request about
  once a second (the next one 0.5-1.5 s after the last began); 80 % reads (members,
  networkKpis, surveys, showcase: the documents the PWA sends, the province-wide ones
  through the partner key as a partner app polls) and 20 % writes (survey sync,
  event check-ins of walk-ins, campaign field logs: the PWA's outbox mutations, each
  with fresh client ids). Goal: no errors, p95 under 300 ms.
- **stress**: ``--users`` connections sending the same mix back to back for
  ``--seconds``: the saturation throughput. Goal: no errors (a timeout is one).

First, a **serial** pass sends each kind 20 times one at a time: what a request costs
with no queue in front of it, to see where the time goes.

Each kind of request is an error when the answer is not 200, carries GraphQL errors,
a refused mutation (result not CREATED/DUPLICATE) or does not come within
``--timeout`` seconds. The load generator is this process (httpx with asyncio), separate
from the server's, but on the same machine: it takes CPU the server could use, and the
numbers say so.

Run with ``python -m bench load`` (``make bench-load``); ``--quick`` for a smoke run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from tortoise import Tortoise
from tortoise.transactions import in_transaction

from accounts import services as accounts
from accounts.models import User
from activities import campaigns as campaign_services
from activities import events as event_services
from activities.models import EventKind
from api.db import migrate, tortoise_config
from api.server import KEEP_ALIVE_SECONDS
from bench.network import DASHBOARD_QUERY as KPIS
from bench.servers import Server, free_port, server_environment, spawn
from core.actor import Actor, ApiScope, Role
from network.models import AdminUnit, AdminUnitKind, Member, Organization
from surveys.models import Survey, SurveyStatus

PROVINCE = "96"
PASSWORD = "bench-password-2025"
P95_GOAL_MS = 300.0
COMMUNE_KINDS = (AdminUnitKind.COMMUNE, AdminUnitKind.WARD, AdminUnitKind.SPECIAL_ZONE)

# --- the documents the PWA (and a partner app) sends ------------------------------------

MEMBERS = """query Members($first: Int) { members(first: $first) { totalCount
  edges { node { id fullName position itQualification roles status
    organization { id name } adminUnit { code name } } } pageInfo { hasNextPage endCursor } } }"""
SURVEYS = """query Surveys($after: String) { surveys(status: PUBLISHED, first: 100, after: $after) {
  edges { node { id title description isPublic currentVersion definition adminUnit { code name kind } } }
  pageInfo { hasNextPage endCursor } } }"""
_SHOWCASE_NODE = (
    "id title summary category level citation awardedOn adminUnit { code name } "
    "organizationName replications { adminUnit { code name } }"
)
SHOWCASE = f"""query Showcase($after: String, $category: InitiativeCategory, $unit: String) {{
  showcase(first: 12, after: $after, category: $category, adminUnitCode: $unit) {{
  edges {{ node {{ {_SHOWCASE_NODE} }} }} pageInfo {{ hasNextPage endCursor }} }} }}"""
SYNC = """mutation Sync($input: SyncSurveyResponsesInput!) { syncSurveyResponses(input: $input) {
  results { clientId result isComplete errors { field code message } } errors { field code message } } }"""
CHECK_IN = """mutation CheckIns($i0: CheckInInput!) { m0: checkIn(input: $i0) {
  result attendance { member { id fullName } } errors { field code message } } }"""
FIELD_LOG = """mutation Logs($i0: LogFieldActivityInput!) { m0: logFieldActivity(input: $i0) {
  result errors { field code message } } }"""
LOGIN = """mutation Login($input: LoginInput!) {
  login(input: $input) { viewer { username } errors { field code message } } }"""

# What one request is, with its share of the mix (percent; reads 80, writes 20).
MIX: tuple[tuple[str, int], ...] = (
    ("members (partner, province)", 14),
    ("members (staff, commune)", 6),
    ("networkKpis (partner, province)", 10),
    ("networkKpis (staff, commune)", 10),
    ("surveys (staff)", 20),
    ("showcase", 20),
    ("sync survey response", 7),
    ("check-in walk-in", 7),
    ("field log", 6),
)
SERIAL_REPEAT = 20  # requests of each kind in the one-at-a-time pass
WRITES = frozenset({"sync survey response", "check-in walk-in", "field log"})


# --- the database ----------------------------------------------------------------------


@dataclass(frozen=True)
class UserPlan:
    """One simulated field worker: their account and what they write to."""

    username: str
    commune_code: str
    event_id: str
    organization_id: str


@dataclass(frozen=True)
class World:
    users: list[UserPlan]
    partner_key: str
    survey_id: str
    survey_version: int
    campaign_id: str
    members: int


def gid(type_name: str, pk: int) -> str:
    from bench.lists import gid as encode

    return encode(type_name, pk)


async def prepare(url: str, members: int, users: int) -> World:
    """The demo data grown to ``members``, and the users' accounts and targets."""
    from bench.network import Size, generate
    from demo import seed_demo
    from network.seed import seed_platforms, seed_province

    await migrate(url)
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        started = time.perf_counter()
        async with in_transaction():
            await seed_province(int(PROVINCE))
            await seed_platforms()
            root = await AdminUnit.get(code=PROVINCE)
            system = Actor.system(root.path, root.code)
            await seed_demo(system, root)
        demo_members = await Member.all().count()
        print(f"  demo data: {demo_members:,} members in {time.perf_counter() - started:.1f} s")
        grown = members - demo_members
        if grown > 0:
            made = await generate(Size(organizations=max(30, grown // 20), members=grown))
            print(
                f"  grown by {made.members:,} members, {made.organizations:,} organisations "
                f"in {made.seconds:.1f} s"
            )
        world = await _fixtures(root, system, users)
        connection = Tortoise.get_connection("default")
        if connection.capabilities.dialect == "postgres":
            # Statistics for the planner, as autovacuum gathers them some time after a
            # bulk load: without them PostgreSQL plans the province's member page as if
            # the table were empty (a nested loop over 100,000 rows, 1-5 s).
            await connection.execute_script("ANALYZE")
        print(
            f"  {len(world.users)} field-staff accounts, ready in {time.perf_counter() - started:.1f} s"
        )
        return world
    finally:
        await Tortoise.close_connections()


async def _fixtures(root: AdminUnit, system: Actor, users: int) -> World:
    from demo.surveys import TITLE

    now = datetime.now(UTC).replace(microsecond=0)
    communes = await AdminUnit.filter(
        path__startswith=root.path, kind__in=COMMUNE_KINDS, valid_to=None
    ).order_by("path")
    survey = await Survey.get(title=TITLE, admin_unit_id=root.id, status=SurveyStatus.PUBLISHED)
    async with in_transaction():
        campaign = await campaign_services.create(
            system,
            data=campaign_services.CampaignData(
                title="Chiến dịch tải thử (bench)",
                admin_unit_code=root.code,
                starts_on=(now - timedelta(days=2)).date(),
                ends_on=(now + timedelta(days=30)).date(),
            ),
        )
        _, partner_key = await accounts.create_api_key(
            system,
            name="Partner app (bench)",
            scopes=[ApiScope.READ_NETWORK, ApiScope.READ_SURVEYS, ApiScope.READ_RECOGNITION],
        )
        plans: list[UserPlan] = []
        events: dict[str, int] = {}
        hashed: str | None = None
        for n in range(users):
            commune = communes[n % len(communes)]
            if commune.code not in events:
                (event, *_) = await event_services.create(
                    system,
                    data=event_services.EventData(
                        kind=EventKind.TRAINING,
                        title=f"Tập huấn tải thử {commune.name}",
                        admin_unit_code=commune.code,
                        starts_at=now - timedelta(minutes=30),
                        ends_at=now + timedelta(hours=8),
                        place=f"Nhà văn hóa {commune.name}",
                    ),
                )
                events[commune.code] = event.id
            organization = (
                await Organization.filter(admin_unit_id=commune.id, is_active=True)
                .order_by("id")
                .first()
            )
            assert organization is not None, f"no organisation in {commune.code}"
            username = f"bench.field.{n:03d}"
            if hashed is None:
                user = await accounts.create_user(
                    system,
                    username=username,
                    password=PASSWORD,
                    display_name=f"Cán bộ tải thử {n}",
                    roles=[Role.FIELD_STAFF],
                    scope_code=commune.code,
                )
                hashed = user.password_hash
            else:  # the same password: hash it once (Argon2 takes a while per account)
                await User.create(
                    username=username,
                    password_hash=hashed,
                    display_name=f"Cán bộ tải thử {n}",
                    roles=[Role.FIELD_STAFF.value],
                    scope_id=commune.id,
                )
            plans.append(
                UserPlan(
                    username,
                    commune.code,
                    gid("Event", events[commune.code]),
                    gid("Organization", organization.id),
                )
            )
    return World(
        users=plans,
        partner_key=partner_key,
        survey_id=gid("Survey", survey.id),
        survey_version=survey.current_version,
        campaign_id=gid("Campaign", campaign.id),
        members=await Member.all().count(),
    )


# --- the server --------------------------------------------------------------------------


async def start_server(env: dict[str, str], workers: int, tmp: Path) -> Server:
    """``dxnet serve`` on loopback; returns once ``/healthz`` answers."""
    port = free_port()
    log = tmp / "server.log"
    command = [sys.executable, "-m", "api", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers)]
    process = spawn(command, env, log)
    server = Server(port, process, log, stop_timeout=15)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        for _ in range(600):
            if process.poll() is not None:
                break
            try:
                if (await client.get("/healthz")).status_code == 200:
                    return server
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    server.stop()
    raise RuntimeError(f"the server did not start:\n{log.read_text()[-2000:]}")


# --- the users ---------------------------------------------------------------------------


@dataclass
class Samples:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    timeouts: int = 0
    first_error: str = ""

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


@dataclass
class Recorder:
    by_kind: dict[str, Samples] = field(default_factory=lambda: defaultdict(Samples))

    def add(self, kind: str, ms: float, error: str | None, timeout: bool = False) -> None:
        samples = self.by_kind[kind]
        samples.latencies_ms.append(ms)
        if error is not None:
            samples.errors += 1
            samples.timeouts += timeout
            samples.first_error = samples.first_error or error[:300]

    def overall(self) -> Samples:
        total = Samples()
        for samples in self.by_kind.values():
            total.latencies_ms += samples.latencies_ms
            total.errors += samples.errors
            total.timeouts += samples.timeouts
        return total


class FieldUser:
    """One person with the PWA (their own session and connection) and, for the
    province-wide reads, the partner app's key."""

    def __init__(
        self,
        plan: UserPlan,
        world: World,
        base_url: str,
        timeout: float,
        seed: int,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.plan, self.world = plan, world
        self.rng = random.Random(seed)
        self.seed = seed
        self.sent = 0
        options: dict[str, Any] = {
            "base_url": base_url,
            "timeout": timeout,
            # An idle connection is let go a second before the server would close it:
            # otherwise a request sent just as the server closes fails (ReadError), the
            # keep-alive race every HTTP client must avoid (browsers retry instead).
            "limits": httpx.Limits(
                max_connections=1,
                max_keepalive_connections=1,
                keepalive_expiry=KEEP_ALIVE_SECONDS - 1,
            ),
            "transport": transport,
        }
        self.session = httpx.AsyncClient(**options)
        self.partner = httpx.AsyncClient(
            **options, headers={"Authorization": f"Bearer {world.partner_key}"}
        )

    async def close(self) -> None:
        await self.session.aclose()
        await self.partner.aclose()

    async def sign_in(self) -> None:
        answer = await self.session.post(
            "/graphql",
            json={
                "query": LOGIN,
                "variables": {"input": {"username": self.plan.username, "password": PASSWORD}},
            },
        )
        body = answer.json()
        if answer.status_code != 200 or body.get("errors") or body["data"]["login"]["errors"]:
            raise RuntimeError(f"sign-in of {self.plan.username} failed: {answer.text[:300]}")

    def request(self, kind: str) -> tuple[httpx.AsyncClient, str, dict[str, Any]]:
        """The client, document and variables of one request of ``kind``."""
        self.sent += 1
        now = datetime.now(UTC).isoformat()
        client_id = str(uuid.uuid4())
        if kind == "members (partner, province)":
            return self.partner, MEMBERS, {"first": 50}
        if kind == "members (staff, commune)":
            return self.session, MEMBERS, {"first": 50}
        if kind == "networkKpis (partner, province)":
            return self.partner, KPIS, {"code": PROVINCE}
        if kind == "networkKpis (staff, commune)":
            return self.session, KPIS, {"code": None}
        if kind == "surveys (staff)":
            return self.session, SURVEYS, {"after": None}
        if kind == "showcase":
            return self.session, SHOWCASE, {}
        if kind == "sync survey response":
            response = {
                "clientId": client_id,
                "surveyId": self.world.survey_id,
                "version": self.world.survey_version,
                "answers": {"members": self.rng.randint(1, 8), "internet": False,
                            "smartphones": 0, "portal": False},
                "collectedAt": now,
                "adminUnitCode": self.plan.commune_code,
                "deviceId": f"bench-{self.plan.username}",
            }  # fmt: skip
            return self.session, SYNC, {"input": {"responses": [response]}}
        if kind == "check-in walk-in":
            phone = f"03{self.seed:03d}{self.sent:05d}"
            walk_in = {
                "fullName": f"Người dân tải thử {self.seed}-{self.sent}",
                "phone": phone,
                "organizationId": self.plan.organization_id,
            }
            check_in = {"clientId": client_id, "eventId": self.plan.event_id, "walkIn": walk_in}
            return self.session, CHECK_IN, {"i0": check_in}
        if kind == "field log":
            log = {
                "clientId": client_id,
                "campaignId": self.world.campaign_id,
                "adminUnitCode": self.plan.commune_code,
                "happenedAt": now,
                "kind": "DOOR_TO_DOOR",
                "peopleReached": self.rng.randint(1, 20),
                "householdsReached": self.rng.randint(1, 8),
            }
            return self.session, FIELD_LOG, {"i0": log}
        raise ValueError(kind)

    async def send(self, kind: str, recorder: Recorder) -> None:
        client, query, variables = self.request(kind)
        started = time.perf_counter()
        try:
            answer = await client.post("/graphql", json={"query": query, "variables": variables})
        except httpx.TimeoutException as error:
            ms = (time.perf_counter() - started) * 1000
            recorder.add(kind, ms, f"timeout: {error!r}", timeout=True)
            return
        except httpx.TransportError as error:
            recorder.add(kind, (time.perf_counter() - started) * 1000, repr(error))
            return
        ms = (time.perf_counter() - started) * 1000
        recorder.add(kind, ms, refusal(kind, answer))


def refusal(kind: str, answer: httpx.Response) -> str | None:
    """Why the answer counts as an error; None when it is a success."""
    if answer.status_code != 200:
        return f"HTTP {answer.status_code}: {answer.text[:200]}"
    body = answer.json()
    if body.get("errors") or body.get("data") is None:
        return f"GraphQL errors: {body.get('errors')}"
    if kind not in WRITES:
        return None
    data = body["data"]
    payloads = (
        data["syncSurveyResponses"]["results"] if "syncSurveyResponses" in data else [data["m0"]]
    )
    for payload in payloads:
        if payload["result"] not in ("CREATED", "DUPLICATE") or payload["errors"]:
            return f"refused: {payload}"
    if "syncSurveyResponses" in data and data["syncSurveyResponses"]["errors"]:
        return f"refused: {data['syncSurveyResponses']['errors']}"
    return None


def pick(rng: random.Random) -> str:
    kinds, weights = zip(*MIX, strict=True)
    return str(rng.choices(kinds, weights)[0])


async def paced(user: FieldUser, recorder: Recorder, deadline: float) -> None:
    """About one request a second: the next begins 0.5-1.5 s after the last began (at
    once when the last took longer)."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(user.rng.uniform(0, 1))
    while loop.time() < deadline:
        began = loop.time()
        await user.send(pick(user.rng), recorder)
        await asyncio.sleep(max(0.0, began + user.rng.uniform(0.5, 1.5) - loop.time()))


async def flat_out(user: FieldUser, recorder: Recorder, deadline: float) -> None:
    loop = asyncio.get_running_loop()
    while loop.time() < deadline:
        await user.send(pick(user.rng), recorder)


@dataclass
class Run:
    mode: str
    seconds: float
    recorder: Recorder
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]

    @property
    def requests(self) -> int:
        return len(self.recorder.overall().latencies_ms)


async def one_at_a_time(users: list[FieldUser], recorder: Recorder, repeat: int) -> None:
    """Each kind ``repeat`` times, one request at a time: what a request costs the
    server with no queue in front of it (where the time goes)."""
    for kind, _share in MIX:
        for n in range(repeat):
            await users[n % len(users)].send(kind, recorder)


async def run_mode(mode: str, users: list[FieldUser], seconds: float) -> Run:
    recorder = Recorder()
    loop = asyncio.get_running_loop()
    before = os.getloadavg()
    started = loop.time()
    deadline = started + seconds
    if mode == "serial":
        await one_at_a_time(users, recorder, SERIAL_REPEAT)
    else:
        body = paced if mode == "users" else flat_out
        await asyncio.gather(*(body(user, recorder, deadline) for user in users))
    return Run(mode, loop.time() - started, recorder, before, os.getloadavg())


def report(run: Run, users: int, p95_goal: bool) -> bool:
    """Print the run's table; True when it met its goals."""
    overall = run.recorder.overall()
    rate = run.requests / run.seconds if run.seconds else 0.0
    who = {"users": "users", "stress": "connections", "serial": "users, one request at a time"}
    print(
        f"\n{run.mode}: {users} {who[run.mode]}, "
        f"{run.seconds:.1f} s, {run.requests:,} requests ({rate:.1f} req/s), "
        f"{overall.errors} errors ({overall.timeouts} timeouts); load average "
        f"{run.load_before[0]:.2f} before, {run.load_after[0]:.2f} after"
    )
    print(f"{'kind':<34} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    rows = sorted(run.recorder.by_kind.items(), key=lambda kv: [k for k, _ in MIX].index(kv[0]))
    for kind, samples in [*rows, ("all", overall)]:
        print(
            f"{kind:<34} {len(samples.latencies_ms):>8} {samples.errors:>6} "
            f"{samples.percentile(0.5):8.1f} {samples.percentile(0.95):8.1f} "
            f"{samples.percentile(0.99):8.1f}"
        )
    for kind, samples in rows:
        if samples.first_error:
            print(f"  first error of {kind}: {samples.first_error}")
    met = overall.errors == 0
    goal = "no errors"
    if p95_goal:
        met = met and overall.percentile(0.95) < P95_GOAL_MS
        goal += f", p95 < {P95_GOAL_MS:.0f} ms"
    print(f"goal ({goal}): {'PASS' if met else 'FAIL'}")
    return met


async def run(args: argparse.Namespace) -> bool:
    from bench.databases import throwaway_database

    workers = args.workers or (2 if args.postgres else 1)
    with tempfile.TemporaryDirectory(prefix="dxnet-bench-load-") as name:
        tmp = Path(name)
        async with throwaway_database(tmp, args.postgres) as url:
            server: Server | None = None
            field_users: list[FieldUser] = []
            try:
                print(
                    f"Preparing the demo data grown to {args.members:,} members on {url.split(':')[0]} ..."
                )
                world = await prepare(url, args.members, args.users)
                server = await start_server(server_environment(url, tmp), workers, tmp)
                base = f"http://127.0.0.1:{server.port}"
                field_users = [
                    FieldUser(plan, world, base, args.timeout, n)
                    for n, plan in enumerate(world.users)
                ]
                for user in field_users:  # one at a time: each sign-in hashes a password
                    await user.sign_in()
                print(
                    f"Server: dxnet serve, {workers} worker{'s' if workers > 1 else ''} on "
                    f"{'PostgreSQL' if args.postgres else 'SQLite'}, {world.members:,} members; "
                    f"{len(field_users)} users signed in. The load generator runs in this process, "
                    f"on the same {os.cpu_count()} cores as the server."
                )
                met = True
                for mode in args.modes:
                    done = await run_mode(mode, field_users, args.seconds)
                    met &= report(done, len(field_users), p95_goal=mode != "stress")
                return met
            finally:
                for user in field_users:
                    await user.close()
                if server is not None:
                    server.stop()


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0, help="per mode")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=("serial", "users", "stress"),
        default=["serial", "users", "stress"],
        help="serial: each kind 20 times, one at a time (the cost of a request alone)",
    )
    parser.add_argument(
        "--postgres", metavar="URL", help="a server to create a throw-away database on"
    )
    parser.add_argument("--workers", type=int, help="1 on SQLite, 2 on PostgreSQL by default")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 6,000 members, 20 users, 5 s"
    )
    args = parser.parse_args(list(argv))
    if args.quick:
        args.members, args.users, args.seconds = 6_000, 20, 5.0
    return 0 if asyncio.run(run(args)) else 1
