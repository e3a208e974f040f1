"""List pages against their floors: the same page served three ways in one run.

Seeds a temporary database (SQLite; PostgreSQL with ``--postgres URL``) with the network
benchmark's registry (100,000 members by default, ``--large`` for 500,000) plus surveys,
events and initiatives, then starts two uvicorn servers on loopback, one worker each:

- **graphql**: the real app (``dxnet serve``'s uvicorn options), signed in as a province
  admin, asked for ``<list>(first: 50)`` with the node's relations;
- **orm** (the ORM floor): the same domain query set, the same relations through
  ``select_related``, Tortoise model instances turned into the same JSON in a bare
  Starlette endpoint;
- **raw** (the raw floor): that query set's SQL and parameters through the same driver
  (``execute_query_dict``), the same JSON built from the rows, no model instances.

Before timing, each list's three answers are compared (parsed JSON must be equal). A
small keep-alive HTTP/1.1 client (``--concurrency`` connections, 8 like wrk's default)
sends requests for ``--seconds`` per round, the three ways with and without
``totalCount`` in alternating rounds (six per round, the order rotating); the table
prints requests/s and the ratios to the raw floor, then what ``totalCount`` costs.

Run with ``python -m bench lists`` (``make bench-lists``); ``--quick`` for a smoke run.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tortoise import Tortoise
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from accounts import services as accounts
from activities import events as event_services
from activities.models import Event, EventKind
from api.db import migrate, tortoise_config
from bench.servers import Server, free_port, server_environment, spawn
from core.actor import Actor, Role
from core.text import fold
from network import members as member_services
from network import organizations as organization_services
from network.models import AdminUnit, Member, Organization
from recognition import initiatives as initiative_services
from recognition.models import Initiative, InitiativeCategory
from surveys import services as survey_services
from surveys.models import Survey, SurveyStatus

PAGE = 50
USERNAME = "bench.lists"
PASSWORD = "bench-password-2025"
WAYS = ("graphql", "orm", "raw")
BATCH = 2000


# --- the five lists, each three ways -------------------------------------------------


def gid(type_name: str, pk: int) -> str:
    """A Relay global id, as strawberry encodes it."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _rel(model: type[Model], relation: str, column: str) -> str:
    """The key of a ``select_related`` column in a raw row."""
    return f"{model._meta.db_table}__{relation}.{column}"


def _named(row: Any, relation: str) -> dict[str, str] | None:
    related = getattr(row, relation)
    return None if related is None else {"name": related.name}


def _raw_named(row: dict[str, Any], model: type[Model], relation: str) -> dict[str, str] | None:
    name = row[_rel(model, relation, "name")]
    if row[_rel(model, relation, "id")] is None:
        return None
    return {"name": name}


@dataclass(frozen=True)
class ListCase:
    """One list: its GraphQL selection, its domain query set and its node as JSON."""

    name: str
    selection: str
    query: Callable[[Actor], QuerySet[Any]]
    node: Callable[[Any], dict[str, Any]]
    raw_node: Callable[[dict[str, Any]], dict[str, Any]]
    # What the app counts totalCount with (rows summed): by default ``query.count()``.
    count: Callable[[Actor], Any] | None = None

    def count_query(self, actor: Actor) -> Any:
        return self.count(actor) if self.count else self.query(actor).count()

    def document(self, total: bool) -> str:
        count = "totalCount " if total else ""
        return (
            f"{{ {self.name}(first: {PAGE}) {{ {count}edges {{ node {{ {self.selection} }} }} }} }}"
        )


LISTS: tuple[ListCase, ...] = (
    ListCase(
        "members",
        "id fullName organization { name } adminUnit { name }",
        lambda a: member_services.get_all(a).select_related("organization", "admin_unit"),
        lambda m: {
            "id": gid("Member", m.id),
            "fullName": m.full_name,
            "organization": _named(m, "organization"),
            "adminUnit": _named(m, "admin_unit"),
        },
        lambda r: {
            "id": gid("Member", r["id"]),
            "fullName": r["full_name"],
            "organization": _raw_named(r, Member, "organization"),
            "adminUnit": _raw_named(r, Member, "admin_unit"),
        },
        lambda a: member_services.counts(a),
    ),
    ListCase(
        "organizations",
        "id name adminUnit { name }",
        lambda a: organization_services.get_all(a).select_related("admin_unit"),
        lambda o: {
            "id": gid("Organization", o.id),
            "name": o.name,
            "adminUnit": _named(o, "admin_unit"),
        },
        lambda r: {
            "id": gid("Organization", r["id"]),
            "name": r["name"],
            "adminUnit": _raw_named(r, Organization, "admin_unit"),
        },
        lambda a: organization_services.counts(a),
    ),
    ListCase(
        "surveys",
        "id title adminUnit { name }",
        lambda a: survey_services.get_all(a).select_related("admin_unit"),
        lambda s: {
            "id": gid("Survey", s.id),
            "title": s.title,
            "adminUnit": _named(s, "admin_unit"),
        },
        lambda r: {
            "id": gid("Survey", r["id"]),
            "title": r["title"],
            "adminUnit": _raw_named(r, Survey, "admin_unit"),
        },
    ),
    ListCase(
        "events",
        "id title adminUnit { name }",
        lambda a: event_services.get_all(a).select_related("admin_unit"),
        lambda e: {
            "id": gid("Event", e.id),
            "title": e.title,
            "adminUnit": _named(e, "admin_unit"),
        },
        lambda r: {
            "id": gid("Event", r["id"]),
            "title": r["title"],
            "adminUnit": _raw_named(r, Event, "admin_unit"),
        },
    ),
    ListCase(
        "initiatives",
        "id title organization { name } adminUnit { name }",
        lambda a: initiative_services.get_all(a).select_related("organization", "admin_unit"),
        lambda i: {
            "id": gid("Initiative", i.id),
            "title": i.title,
            "organization": _named(i, "organization"),
            "adminUnit": _named(i, "admin_unit"),
        },
        lambda r: {
            "id": gid("Initiative", r["id"]),
            "title": r["title"],
            "organization": _raw_named(r, Initiative, "organization"),
            "adminUnit": _raw_named(r, Initiative, "admin_unit"),
        },
    ),
)
CASES = {case.name: case for case in LISTS}


def page_json(case: ListCase, nodes: list[dict[str, Any]], total: int | None) -> dict[str, Any]:
    """The GraphQL answer's shape: ``{"data": {list: {totalCount?, edges}}}``."""
    body: dict[str, Any] = {}
    if total is not None:
        body["totalCount"] = total
    body["edges"] = [{"node": n} for n in nodes]
    return {"data": {case.name: body}}


# --- the floor server ------------------------------------------------------------------


def floor_app(database_url: str, root_path: str, root_code: str) -> Any:
    """A bare Starlette app: ``/orm/<list>`` and ``/raw/<list>`` (``?total=1`` counts)."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse
    from starlette.routing import Route
    from tortoise.contrib.starlette import RegisterTortoise

    actor = Actor(
        kind="user",
        roles=frozenset({Role.PROVINCE_ADMIN}),
        scope_path=root_path,
        scope_code=root_code,
        label="bench",
    )
    statements: dict[str, tuple[tuple[str, list[Any]], tuple[str, list[Any]]]] = {}

    def statement(query: Any) -> tuple[str, list[Any]]:
        query._choose_db()
        query._make_query()
        sql, params = query.query.get_parameterized_sql()
        return sql, list(params)

    async def orm(request: Request) -> JSONResponse:
        case = CASES[request.path_params["name"]]
        query = case.query(actor)
        rows = await query.offset(0).limit(PAGE + 1)
        total = None
        if request.query_params.get("total"):
            counted = await case.count_query(actor)
            total = counted if isinstance(counted, int) else sum(counted)
        return JSONResponse(page_json(case, [case.node(r) for r in rows[:PAGE]], total))

    async def raw(request: Request) -> JSONResponse:
        name = request.path_params["name"]
        case = CASES[name]
        if name not in statements:
            query = case.query(actor)
            statements[name] = (
                statement(query.offset(0).limit(PAGE + 1)),
                statement(case.count_query(actor)),
            )
        (page_sql, page_params), (count_sql, count_params) = statements[name]
        connection = Tortoise.get_connection("default")
        rows = await connection.execute_query_dict(page_sql, page_params)
        total = None
        if request.query_params.get("total"):
            _, counted = await connection.execute_query(count_sql, count_params)
            total = sum(row[0] for row in counted)
        return JSONResponse(page_json(case, [case.raw_node(r) for r in rows[:PAGE]], total))

    async def ready(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with RegisterTortoise(app, config=tortoise_config(database_url)):
            yield

    return Starlette(
        routes=[
            Route("/orm/{name}", orm),
            Route("/raw/{name}", raw),
            Route("/healthz", ready),
        ],
        lifespan=lifespan,
    )


def serve(kind: str, port: int) -> int:
    """Run one benchmark server (in a child process): the real app or the floor."""
    import uvicorn

    from api.server import uvicorn_options

    if kind == "graphql":
        from api.app import app_from_environment

        app = app_from_environment()
    else:
        app = floor_app(
            os.environ["DXNET_DATABASE_URL"],
            os.environ["BENCH_ROOT_PATH"],
            os.environ["BENCH_ROOT_CODE"],
        )
    uvicorn.run(app, host="127.0.0.1", port=port, workers=1, **uvicorn_options())
    return 0


# --- a small keep-alive HTTP/1.1 client -------------------------------------------------


@dataclass
class Outcome:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def http_request(
    method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in header_lines:
        if ":" in line:
            key, _, value = line.partition(":")
            headers.setdefault(key.strip().lower(), value.strip())
    length = int(headers.get("content-length", "0"))
    return int(status_line.split()[1]), headers, await reader.readexactly(length)


async def fetch(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        return await read_response(reader)
    finally:
        writer.close()


async def hammer(port: int, request: bytes, *, seconds: float, concurrency: int) -> Outcome:
    """``concurrency`` connections sending ``request`` back to back for ``seconds``."""
    loop = asyncio.get_running_loop()
    outcome = Outcome()

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while loop.time() < deadline:
                writer.write(request)
                status, _, _ = await read_response(reader)
                outcome.requests += 1
                outcome.errors += status != 200
        finally:
            writer.close()

    started = loop.time()
    deadline = started + seconds
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    outcome.seconds = loop.time() - started
    return outcome


# --- data --------------------------------------------------------------------------------


async def seed_lists(root: AdminUnit, count: int) -> None:
    """``count`` surveys, events and initiatives spread over the communes."""
    communes = await AdminUnit.filter(parent_id=root.id).order_by("code")
    org_ids = await Organization.all().order_by("id").limit(count).values_list("id", flat=True)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    async with in_transaction():
        for start in range(0, count, BATCH):
            indices = range(start, min(start + BATCH, count))
            await Survey.bulk_create(
                [
                    Survey(
                        title=f"Khảo sát {i}",
                        admin_unit_id=communes[i % len(communes)].id,
                        unit_path=communes[i % len(communes)].path,
                        status=SurveyStatus.PUBLISHED,
                        definition={"questions": []},
                    )
                    for i in indices
                ]
            )
            await Event.bulk_create(
                [
                    Event(
                        kind=EventKind.TRAINING,
                        title=f"Tập huấn {i}",
                        admin_unit_id=communes[i % len(communes)].id,
                        unit_path=communes[i % len(communes)].path,
                        starts_at=now + timedelta(hours=i),
                        ends_at=now + timedelta(hours=i + 2),
                    )
                    for i in indices
                ]
            )
            await Initiative.bulk_create(
                [
                    Initiative(
                        tracking_code=f"B{i:09d}",
                        title=f"Sáng kiến {i}",
                        title_folded=fold(f"Sáng kiến {i}"),
                        summary="Tóm tắt",
                        problem="Vấn đề",
                        solution="Giải pháp",
                        results="Kết quả",
                        text_folded="tom tat",
                        category=list(InitiativeCategory)[i % len(InitiativeCategory)],
                        admin_unit_id=communes[i % len(communes)].id,
                        unit_path=communes[i % len(communes)].path,
                        organization_id=org_ids[i % len(org_ids)],
                        submitter_name="Người gửi",
                        submitter_phone="0900000000",
                        status_changed_at=now,
                    )
                    for i in indices
                ]
            )


async def prepare(url: str, members: int, extra: int) -> AdminUnit:
    """Migrate and fill the database at ``url``; the province admin account included."""
    from bench.network import Size, generate

    await migrate(url)
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        started = time.perf_counter()
        made = await generate(Size(organizations=max(30, members // 20), members=members))
        root = await AdminUnit.get(code="96")
        await seed_lists(root, extra)
        async with in_transaction():
            await accounts.create_user(
                Actor.system(root.path, root.code),
                username=USERNAME,
                password=PASSWORD,
                display_name="Benchmark",
                roles=[Role.PROVINCE_ADMIN],
                scope_code=root.code,
            )
        print(
            f"  {made.members:,} members, {made.organizations:,} organisations, {extra:,} "
            f"surveys/events/initiatives each in {time.perf_counter() - started:.1f} s"
        )
        return root
    finally:
        await Tortoise.close_connections()


# --- servers -----------------------------------------------------------------------------


def _command(kind: str, port: int) -> list[str]:
    return [sys.executable, "-m", "bench", "lists", "--serve", kind, "--port", str(port)]


async def start(kind: str, env: dict[str, str], tmp: Path) -> Server:
    port = free_port()
    log = tmp / f"{kind}.log"
    server = Server(port, spawn(_command(kind, port), env, log), log)
    process = server.process
    for _ in range(300):
        if process.poll() is not None:
            break
        try:
            status, _, _ = await fetch(port, http_request("GET", "/healthz"))
            if status == 200:
                return server
        except OSError:
            pass
        await asyncio.sleep(0.1)
    server.stop()
    raise RuntimeError(f"the {kind} server did not start:\n{log.read_text()[-2000:]}")


async def sign_in(port: int) -> str:
    """The session cookie of the benchmark's province admin."""
    login = {
        "query": "mutation($i: LoginInput!) { login(input: $i) { errors { code } } }",
        "variables": {"i": {"username": USERNAME, "password": PASSWORD}},
    }
    body = json.dumps(login).encode()
    status, headers, answer = await fetch(
        port, http_request("POST", "/graphql", body, {"Content-Type": "application/json"})
    )
    cookie = headers.get("set-cookie", "").split(";")[0]
    if status != 200 or not cookie or json.loads(answer)["data"]["login"]["errors"]:
        raise RuntimeError(f"benchmark sign-in failed: {status} {answer[:300]!r}")
    return cookie


# --- the run -----------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    total: bool
    rates: dict[str, float]
    errors: int
    same_json: bool
    notes: list[str] = field(default_factory=list)

    def ratio(self, way: str) -> float:
        return self.rates[way] / self.rates["raw"] if self.rates.get("raw") else 0.0


def requests_for(
    case: ListCase, total: bool, graphql: int, floor: int, cookie: str
) -> dict[str, tuple[int, bytes]]:
    document = json.dumps({"query": case.document(total)}).encode()
    suffix = "?total=1" if total else ""
    headers = {"Content-Type": "application/json", "Cookie": cookie}
    return {
        "graphql": (graphql, http_request("POST", "/graphql", document, headers)),
        "orm": (floor, http_request("GET", f"/orm/{case.name}{suffix}")),
        "raw": (floor, http_request("GET", f"/raw/{case.name}{suffix}")),
    }


async def measure(
    servers: dict[str, Server],
    cookie: str,
    cases: Sequence[ListCase],
    *,
    seconds: float,
    rounds: int,
    concurrency: int,
) -> list[Result]:
    results = []
    for case in cases:
        # The page with and without totalCount, three ways each: six in alternating rounds.
        requests = {
            (way, total): sent
            for total in (False, True)
            for way, sent in requests_for(
                case, total, servers["graphql"].port, servers["floor"].port, cookie
            ).items()
        }
        answers = {}
        for key, (port, request) in requests.items():
            status, _, body = await fetch(port, request)
            answers[key] = json.loads(body) if status == 200 else {"status": status}
            await hammer(port, request, seconds=min(0.5, seconds), concurrency=concurrency)
        keys = list(requests)
        outcomes = {key: Outcome() for key in keys}
        for n in range(rounds):
            for key in keys[n % len(keys) :] + keys[: n % len(keys)]:
                port, request = requests[key]
                got = await hammer(port, request, seconds=seconds, concurrency=concurrency)
                outcomes[key].requests += got.requests
                outcomes[key].errors += got.errors
                outcomes[key].seconds += got.seconds
        for total in (False, True):
            same = answers["graphql", total] == answers["orm", total] == answers["raw", total]
            notes = [] if same else [f"{w}: {json.dumps(answers[w, total])[:300]}" for w in WAYS]
            result = Result(
                case.name,
                total,
                {way: outcomes[way, total].rate for way in WAYS},
                sum(outcomes[way, total].errors for way in WAYS),
                same,
                notes,
            )
            print_row(result)
            results.append(result)
    print_costs(results)
    return results


def print_costs(results: Sequence[Result]) -> None:
    """What asking for ``totalCount`` adds to a page through GraphQL (goal: <= 20 %)."""
    rates = {(r.name, r.total): r.rates["graphql"] for r in results}
    costs = [
        f"{name} {rates[(name, False)] / rates[(name, True)] - 1:+.0%}"
        for name, total in rates
        if total and rates[(name, True)] and (name, False) in rates
    ]
    print("totalCount's cost through GraphQL (time per page):", ", ".join(costs))


HEADER = (
    f"{'list (first: 50)':<28} {'graphql':>8} {'orm':>8} {'raw':>8}  "
    f"{'gql/raw':>7} {'orm/raw':>7} {'gql/orm':>7}  {'errors':>6}  same JSON"
)


def print_row(r: Result) -> None:
    label = f"{r.name}{' + totalCount' if r.total else ''}"
    gql_orm = r.rates["graphql"] / r.rates["orm"] if r.rates["orm"] else 0.0
    print(
        f"{label:<28} {r.rates['graphql']:8.1f} {r.rates['orm']:8.1f} {r.rates['raw']:8.1f}  "
        f"{r.ratio('graphql'):7.2f} {r.ratio('orm'):7.2f} {gql_orm:7.2f}  {r.errors:>6}  "
        f"{'yes' if r.same_json else 'NO'}"
    )
    for note in r.notes:
        print(f"    {note}")


async def run(args: argparse.Namespace) -> list[Result]:
    from bench.databases import throwaway_database

    with tempfile.TemporaryDirectory(prefix="dxnet-bench-lists-") as name:
        tmp = Path(name)
        async with throwaway_database(tmp, args.postgres) as url:
            servers: dict[str, Server] = {}
            try:
                extra = max(100, args.members // 50)
                print(f"Generating {args.members:,} members on {url.split(':')[0]} ...")
                root = await prepare(url, args.members, extra)
                env = {
                    **server_environment(url, tmp),
                    "BENCH_ROOT_PATH": root.path,
                    "BENCH_ROOT_CODE": root.code,
                }
                for kind in ("graphql", "floor"):
                    servers[kind] = await start(kind, env, tmp)
                cookie = await sign_in(servers["graphql"].port)
                cases = [CASES[n] for n in args.lists]
                print(
                    f"{args.rounds} alternating rounds of {args.seconds:g} s per way, "
                    f"{args.concurrency} connections; requests/s:"
                )
                print(HEADER)
                return await measure(
                    servers,
                    cookie,
                    cases,
                    seconds=args.seconds,
                    rounds=args.rounds,
                    concurrency=args.concurrency,
                )
            finally:
                for server in servers.values():
                    server.stop()


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench lists", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--large", action="store_true", help="500,000 members")
    parser.add_argument(
        "--postgres", metavar="URL", help="a server to create a throw-away database on"
    )
    parser.add_argument("--seconds", type=float, default=2.0, help="per way per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--lists", nargs="+", choices=list(CASES), default=list(CASES))
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 2,000 members, short rounds"
    )
    parser.add_argument("--serve", choices=("graphql", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(list(argv))
    if args.serve:
        return serve(args.serve, args.port)
    if args.large:
        args.members = 500_000
    if args.quick:
        args.members, args.seconds, args.rounds = 2_000, 0.3, 1
    results = asyncio.run(run(args))
    broken = [r for r in results if r.errors or not r.same_json]
    return 1 if broken else 0
