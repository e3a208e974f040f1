"""Field surveys at scale: a 20-question survey, 10,000 responses synced through GraphQL,
then 100,000 responses read back as results.

Builds a temporary database (SQLite by default, or a fresh PostgreSQL database with
``--postgres``) holding the real Cà Mau tree, then, through the real ASGI app (httpx
``ASGITransport``: body limit, session cookie, JSON parsing, GraphQL validation, the
sync service, one transaction per call):

(a) a province admin creates and publishes a 20-question survey (every answerable kind
    but photos: choices, multiple choice with "other", integers, a decimal, yes/no,
    ratings, a date, text, long text, a location; relevance rules and a constraint);
(b) ingest: a signed-in field staff member sends the first 10,000 responses with
    ``syncSurveyResponses`` in batches of 100, each batch one phone in one commune, the
    batches going round the communes (issue #4: 1,000 responses/s);
(c) re-send: the same 10,000 again, every item DUPLICATE (issue #4: 2,000/s); then the
    next 10,000 sent, and re-sent, by four phones at once (no target: how far
    requests overlap while one SQLite connection serialises the transactions);
(c') a household roster (decision 0035): the same 20 questions plus a repeat of five
    questions answered for five members, as many responses sent and re-sent (the same
    goals: each response is checked once per instance and writes its rows per member);
(d) the survey grows to 100,000 responses through the sync service (batches of 100,
    many to a transaction: the same rows as a real sync, only faster to build);
(e) on PostgreSQL, ``VACUUM ANALYZE`` (what autovacuum does after a bulk load), then
    ``surveyResults`` through GraphQL for the province and for one commune: median and
    p95 of several runs and the SQL statements per request (issue #4: under 500 ms).

Run with ``python -m bench surveys`` (``--quick`` for a small smoke run,
``--postgres URL`` to run against PostgreSQL, ``--dump FILE`` to keep the results JSON).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import orjson
from strawberry.relay import GlobalID
from tortoise.transactions import in_transaction

from accounts import services as accounts
from bench.databases import bench_database
from bench.network import (
    PASSWORD,
    Row,
    Timings,
    app_client,
    counting_queries,
    post,
    print_table,
    sign_in,
    time_runs,
)
from core.actor import Actor, Role
from network.models import AdminUnit, AdminUnitKind
from network.seed import seed_province
from surveys.models import SurveyResponse
from surveys.sync import MAX_BATCH, ResponseData, SyncStatus, sync_responses

PROVINCE = 96
COMMUNE = "32002"
INGEST_TARGET = 1_000.0
RESEND_TARGET = 2_000.0
RESULTS_TARGET_MS = 500.0
BODY_LIMIT = 1_000_000
PHONES = 4  # concurrent senders in the "at once" rows
FILL_PER_TRANSACTION = 50  # sync calls of 100 per transaction while growing the survey


@dataclass(frozen=True)
class Size:
    synced: int = 10_000  # responses sent through GraphQL (and re-sent)
    total: int = 100_000  # responses when results are read
    runs: int = 15  # surveyResults requests per area


QUICK = Size(synced=300, total=600, runs=3)


def _q(key: str, kind: str, vi: str, en: str, **extra: Any) -> dict[str, Any]:
    return {"key": key, "kind": kind, "labelVi": vi, "labelEn": en, **extra}


def _choices(*values: str) -> list[dict[str, str]]:
    return [{"value": v, "labelVi": v.title(), "labelEn": v.title()} for v in values]


DEFINITION: dict[str, Any] = {
    "pages": [
        {
            "key": "household",
            "titleVi": "Thông tin hộ",
            "titleEn": "Household",
            "questions": [
                _q("head_name", "TEXT", "Họ tên chủ hộ", "Head of household", required=True),
                _q(
                    "phone",
                    "TEXT",
                    "Số điện thoại",
                    "Phone",
                    pattern=r"0\d{9}",
                    constraintMessageVi="Số điện thoại có 10 chữ số.",
                ),
                _q("members", "INTEGER", "Số nhân khẩu", "People", required=True, min=1, max=30),
                _q(
                    "adults",
                    "INTEGER",
                    "Số người lớn",
                    "Adults",
                    constraint=". <= ${members}",
                    constraintMessageVi="Không quá số nhân khẩu.",
                ),
                _q("smartphones", "INTEGER", "Số điện thoại thông minh", "Smartphones", min=0),
                _q("income", "DECIMAL", "Thu nhập (triệu đồng/tháng)", "Income", min=0),
                _q("internet", "YES_NO", "Có Internet?", "Internet?", required=True),
                _q(
                    "connection",
                    "SINGLE_CHOICE",
                    "Kết nối chính",
                    "Main connection",
                    required=True,
                    relevant="${internet} = true()",
                    choices=_choices("fiber", "mobile", "satellite"),
                    allowOther=True,
                ),
                _q(
                    "speed",
                    "RATING",
                    "Tốc độ mạng",
                    "Connection speed",
                    relevant="${internet} = true()",
                ),
            ],
        },
        {
            "key": "services",
            "titleVi": "Dịch vụ số",
            "titleEn": "Digital services",
            "questions": [
                _q(
                    "vneid",
                    "SINGLE_CHOICE",
                    "VNeID",
                    "VNeID",
                    required=True,
                    relevant="${smartphones} > 0",
                    choices=_choices("level2", "level1", "none"),
                ),
                _q(
                    "portal",
                    "YES_NO",
                    "Đã dùng Cổng dịch vụ công",
                    "Used the portal",
                    required=True,
                ),
                _q(
                    "cashless",
                    "MULTIPLE_CHOICE",
                    "Thanh toán không tiền mặt",
                    "Cashless payments",
                    choices=_choices("bank_app", "e_wallet", "qr_code", "card"),
                    allowOther=True,
                ),
                _q(
                    "cashless_note",
                    "LONG_TEXT",
                    "Vì sao dùng nhiều hình thức?",
                    "Why several?",
                    relevant="count-selected(${cashless}) >= 2",
                ),
                _q(
                    "skills",
                    "MULTIPLE_CHOICE",
                    "Kỹ năng số",
                    "Digital skills",
                    choices=_choices("search", "email", "forms", "video_call", "shopping"),
                ),
                _q("training", "YES_NO", "Muốn được tập huấn", "Wants training"),
                _q("satisfaction", "RATING", "Mức hài lòng", "Satisfaction", required=True),
            ],
        },
        {
            "key": "visit",
            "titleVi": "Lần khảo sát",
            "titleEn": "Visit",
            "questions": [
                _q("visited_on", "DATE", "Ngày khảo sát", "Visited on", required=True),
                _q("home", "LOCATION", "Vị trí nhà", "Home", requiredAccuracy=50),
                _q(
                    "support",
                    "SINGLE_CHOICE",
                    "Hỗ trợ cần nhất",
                    "Support most needed",
                    choices=_choices("devices", "training", "connection", "none"),
                ),
                _q("remarks", "LONG_TEXT", "Ghi chú", "Remarks"),
            ],
        },
    ]
}
QUESTIONS = sum(len(page["questions"]) for page in DEFINITION["pages"])
INSTANCES = 5
ROSTER: dict[str, Any] = {
    "pages": [
        *DEFINITION["pages"],
        {
            "key": "people",
            "titleVi": "Nhân khẩu",
            "titleEn": "People",
            "questions": [
                _q(
                    "people",
                    "REPEAT",
                    "Thành viên",
                    "Members",
                    minCount=1,
                    maxCount=30,
                    questions=[
                        _q("p_name", "TEXT", "Họ tên", "Name", required=True),
                        _q(
                            "p_sex", "SINGLE_CHOICE", "Giới tính", "Sex", choices=_choices("f", "m")
                        ),
                        _q("p_age", "INTEGER", "Tuổi", "Age", required=True, min=0, max=120),
                        _q(
                            "p_relation",
                            "SINGLE_CHOICE",
                            "Quan hệ với chủ hộ",
                            "Relationship",
                            choices=_choices("head", "spouse", "child", "other"),
                            constraint=". != 'head' or ${p_age} >= 15",
                        ),
                        _q(
                            "p_school",
                            "YES_NO",
                            "Đang đi học",
                            "In school",
                            relevant="${p_age} >= 6 and ${p_age} <= 18",
                        ),
                    ],
                )
            ],
        },
    ]
}

_NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Ngọc Dung", "Huỳnh Văn Em")
_REMARKS = (
    "Hộ cần hỗ trợ cài đặt VNeID cho người cao tuổi.",
    "Sóng di động yếu vào mùa mưa; đề nghị kiểm tra trạm phát sóng gần nhà văn hoá ấp.",
    "",
)


def answers(rng: random.Random, i: int) -> dict[str, Any]:
    """Believable answers to every relevant question (the rules hold by construction)."""
    members = rng.randint(1, 8)
    smartphones = rng.randint(0, members)
    internet = rng.random() < 0.75
    cashless = rng.sample(["bank_app", "e_wallet", "qr_code", "card", "other"], rng.randint(0, 3))
    out: dict[str, Any] = {
        "head_name": f"{rng.choice(_NAMES)} {i % 97}",
        "members": members,
        "adults": rng.randint(1, members),
        "smartphones": smartphones,
        "internet": internet,
        "portal": rng.random() < 0.4,
        "satisfaction": rng.randint(1, 5),
        "visited_on": (date(2026, 10, 1) + timedelta(days=i % 50)).isoformat(),
        "skills": rng.sample(
            ["search", "email", "forms", "video_call", "shopping"], rng.randint(0, 4)
        ),
    }
    if rng.random() < 0.8:
        out["phone"] = f"09{rng.randrange(10**8):08d}"
    if rng.random() < 0.7:
        out["income"] = round(rng.uniform(2, 40), 1)
    if internet:
        out["connection"] = rng.choice(["fiber", "fiber", "mobile", "satellite", "other"])
        if out["connection"] == "other":
            out["connection_other"] = "Wi-Fi hàng xóm"
        out["speed"] = rng.randint(1, 5)
    if smartphones:
        out["vneid"] = rng.choice(["level2", "level2", "level1", "none"])
    if cashless:
        out["cashless"] = cashless
        if "other" in cashless:
            out["cashless_other"] = "Ví của ngân hàng hợp tác xã"
        if len(cashless) >= 2:
            out["cashless_note"] = "Tiện khi mua hàng ở chợ và đóng tiền điện."
    if rng.random() < 0.6:
        out["training"] = rng.random() < 0.5
    if rng.random() < 0.9:
        out["home"] = {
            "lat": 9.17 + rng.random() / 10,
            "lon": 105.15 + rng.random() / 10,
            "accuracy": 8,
        }
    if rng.random() < 0.8:
        out["support"] = rng.choice(["devices", "training", "connection", "none"])
    if remark := rng.choice(_REMARKS):
        out["remarks"] = remark
    return out


def roster_answers(rng: random.Random, i: int) -> dict[str, Any]:
    """The twenty questions' answers and five members (head first)."""
    people = []
    for n in range(INSTANCES):
        age = rng.randint(25, 70) if n == 0 else rng.randint(0, 80)
        person: dict[str, Any] = {
            "p_name": f"{rng.choice(_NAMES)} {n}",
            "p_sex": rng.choice(["f", "m"]),
            "p_age": age,
            "p_relation": "head" if n == 0 else rng.choice(["spouse", "child", "other"]),
        }
        if 6 <= age <= 18:
            person["p_school"] = rng.random() < 0.9
        people.append(person)
    return {**answers(rng, i), "people": people}


CREATE = """
mutation($input: CreateSurveyInput!) {
  createSurvey(input: $input) { survey { id } errors { field code message } }
}
"""
PUBLISH = """
mutation($input: SurveyIdInput!) {
  publishSurvey(input: $input) { survey { currentVersion } errors { field code message } }
}
"""
SYNC = """
mutation($input: SyncSurveyResponsesInput!) {
  syncSurveyResponses(input: $input) {
    results { clientId result responseId errors { field code message } }
    errors { field code message }
  }
}
"""
RESULTS = """
query($id: ID!, $unit: String) {
  surveyResults(surveyId: $id, adminUnitCode: $unit) {
    responses
    area { code }
    units { adminUnit { code } responses }
    questions {
      key kind answered
      options { value count percent }
      numbers { count mean median min max }
    }
  }
}
"""


@dataclass(frozen=True)
class Plan:
    """The responses to send, as ``ResponseData`` and as the GraphQL request bodies."""

    survey_id: int
    items: list[ResponseData]
    bodies: list[bytes]  # one syncSurveyResponses request per batch of the synced part
    more: list[bytes]  # the next as many, sent by several phones at once
    roster: list[bytes]  # as many responses of the roster survey, five members each


def _items(
    survey_id: int, communes: Sequence[str], n: int, make: Any = answers, seed: int = 7
) -> list[ResponseData]:
    """Each batch of 100 is one collector's phone in one commune (field staff work in
    their own commune); the batches go round the communes."""
    rng = random.Random(seed)
    start = datetime(2026, 10, 1, 7, 0, tzinfo=UTC)
    return [
        ResponseData(
            client_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            survey_id=survey_id,
            version=1,
            answers=make(rng, i),
            collected_at=start + timedelta(seconds=17 * i),
            admin_unit_code=communes[i // MAX_BATCH % len(communes)],
            device_id=f"phone-{i // MAX_BATCH % 500}",
            latitude=9.1 + (i % 100) / 1000,
            longitude=105.1 + (i % 70) / 1000,
            accuracy=12.0,
        )
        for i in range(n)
    ]


def _body(items: Sequence[ResponseData]) -> bytes:
    responses = [
        {
            "clientId": r.client_id,
            "surveyId": str(GlobalID("Survey", str(r.survey_id))),
            "version": r.version,
            "answers": r.answers,
            "collectedAt": r.collected_at.isoformat(),
            "adminUnitCode": r.admin_unit_code,
            "deviceId": r.device_id,
            "location": {"latitude": r.latitude, "longitude": r.longitude, "accuracy": r.accuracy},
        }
        for r in items
    ]
    return orjson.dumps({"query": SYNC, "variables": {"input": {"responses": responses}}})


async def _graphql(client: httpx.AsyncClient, body: bytes) -> Any:
    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:300]}")
    return orjson.loads(response.content)


def _payload(body: Any, field: str) -> Any:
    payload = (body.get("data") or {}).get(field)
    if body.get("errors") or payload is None or payload.get("errors"):
        raise RuntimeError(f"{field} failed: {str(body)[:500]}")
    return payload


async def prepare(client: httpx.AsyncClient, root: AdminUnit, size: Size) -> Plan:
    """Sign in as a province admin, create and publish the survey through GraphQL, then
    sign in as field staff (the collectors' role) for the sync calls."""
    await sign_in(client, root, username="bench-admin")
    survey_id = await _publish(client, root, "Khảo sát sẵn sàng số (benchmark)", DEFINITION)
    roster_id = await _publish(client, root, "Nhân khẩu hộ (benchmark)", ROSTER)
    async with in_transaction():
        await accounts.create_user(
            Actor.system(root.path, root.code),
            username="bench-field",
            password=PASSWORD,
            display_name="Field staff",
            roles=[Role.FIELD_STAFF],
            scope_code=root.code,
        )
    await post(
        client,
        "mutation($i: LoginInput!) { login(input: $i) { errors { code } } }",
        {"i": {"username": "bench-field", "password": PASSWORD}},
    )
    communes = [
        u.code
        for u in await AdminUnit.filter(
            kind__in=(AdminUnitKind.COMMUNE, AdminUnitKind.WARD, AdminUnitKind.SPECIAL_ZONE)
        ).order_by("path")
    ]
    items = _items(survey_id, communes, size.total)
    synced = items[: size.synced]
    more = items[size.synced : 2 * size.synced] if size.total >= 2 * size.synced else []
    roster = _items(roster_id, communes, size.synced, roster_answers, seed=11)
    return Plan(survey_id, items, _bodies(synced), _bodies(more), _bodies(roster))


async def _publish(
    client: httpx.AsyncClient, root: AdminUnit, title: str, definition: dict[str, Any]
) -> int:
    """Create and publish a survey through GraphQL; its id."""
    created = _payload(
        await post(
            client,
            CREATE,
            {"input": {"title": title, "adminUnitCode": root.code, "definition": definition}},
        ),
        "createSurvey",
    )
    survey_gid = created["survey"]["id"]
    _payload(await post(client, PUBLISH, {"input": {"id": survey_gid}}), "publishSurvey")
    return int(GlobalID.from_id(survey_gid).node_id)


def _bodies(items: Sequence[ResponseData]) -> list[bytes]:
    return [_body(items[i : i + MAX_BATCH]) for i in range(0, len(items), MAX_BATCH)]


async def _send_all(
    client: httpx.AsyncClient, bodies: Sequence[bytes], expected: str, *, phones: int = 1
) -> float:
    """Seconds to send every batch, one after another from each of ``phones`` phones."""

    async def phone(mine: Sequence[bytes]) -> None:
        for body in mine:
            results = _payload(await _graphql(client, body), "syncSurveyResponses")["results"]
            wrong = [r for r in results if r["result"] != expected]
            if wrong:
                raise RuntimeError(f"expected {expected}, got {wrong[:2]}")

    started = time.perf_counter()
    await asyncio.gather(*(phone(bodies[i::phones]) for i in range(phones)))
    return time.perf_counter() - started


async def _fill(root: AdminUnit, items: Sequence[ResponseData]) -> float:
    """Grow the survey through the sync service: real sync rows, many calls a transaction."""
    system = Actor.system(root.path, root.code)
    calls = [items[i : i + MAX_BATCH] for i in range(0, len(items), MAX_BATCH)]
    started = time.perf_counter()
    for first in range(0, len(calls), FILL_PER_TRANSACTION):
        async with in_transaction():
            for batch in calls[first : first + FILL_PER_TRANSACTION]:
                outcome = await sync_responses(system, items=batch)
                if any(r.status != SyncStatus.CREATED for r in outcome):
                    raise RuntimeError(f"fill refused: {[r for r in outcome][:2]}")
    return time.perf_counter() - started


async def _results(
    client: httpx.AsyncClient, survey_id: int, code: str | None, runs: int
) -> tuple[Any, int, Timings]:
    body = orjson.dumps(
        {
            "query": RESULTS,
            "variables": {"id": str(GlobalID("Survey", str(survey_id))), "unit": code},
        }
    )
    found = _payload(await _graphql(client, body), "surveyResults")  # warm-up
    with counting_queries() as log:
        await _graphql(client, body)
    timings = await time_runs(runs, lambda: _graphql(client, body))
    return found, log.count, timings


async def measure(
    client: httpx.AsyncClient,
    root: AdminUnit,
    size: Size,
    *,
    keep: dict[str, Any] | None = None,
) -> list[Row]:
    """Every measurement, through ``client`` (an app client not yet signed in); the
    surveyResults answers go to ``keep`` when given."""
    plan = await prepare(client, root, size)
    # The client shares the server's process here: keep its 100,000 prepared responses
    # out of the garbage collector's full passes, as if it ran elsewhere.
    gc.collect()
    gc.freeze()
    try:
        return await _measure(client, root, size, plan, keep)
    finally:
        gc.unfreeze()


async def _measure(
    client: httpx.AsyncClient,
    root: AdminUnit,
    size: Size,
    plan: Plan,
    keep: dict[str, Any] | None,
) -> list[Row]:
    sizes = [len(b) for b in plan.bodies]
    synced = min(size.synced, size.total)
    ingest = synced / await _send_all(client, plan.bodies, "CREATED")
    resend = synced / await _send_all(client, plan.bodies, "DUPLICATE")
    rows = [
        Row(
            f"syncSurveyResponses body, {MAX_BATCH} x {QUESTIONS} questions",
            f"{max(sizes):,} B max, {sum(sizes) // len(sizes):,} B mean",
            f"< {BODY_LIMIT:,} B",
            max(sizes) < BODY_LIMIT,
        ),
        Row(
            f"ingest {synced:,} responses (GraphQL, batches of {MAX_BATCH})",
            f"{ingest:,.0f}/s",
            f">= {INGEST_TARGET:,.0f}/s",
            ingest >= INGEST_TARGET,
        ),
        Row(
            f"re-send {synced:,} (all DUPLICATE)",
            f"{resend:,.0f}/s",
            f">= {RESEND_TARGET:,.0f}/s",
            resend >= RESEND_TARGET,
        ),
    ]
    roster_ingest = synced / await _send_all(client, plan.roster, "CREATED")
    roster_resend = synced / await _send_all(client, plan.roster, "DUPLICATE")
    shape = f"{QUESTIONS} questions + {INSTANCES} members x 5"
    rows += [
        Row(
            f"ingest {synced:,} rosters ({shape})",
            f"{roster_ingest:,.0f}/s",
            f">= {INGEST_TARGET:,.0f}/s",
            roster_ingest >= INGEST_TARGET,
        ),
        Row(
            f"re-send {synced:,} rosters (all DUPLICATE)",
            f"{roster_resend:,.0f}/s",
            f">= {RESEND_TARGET:,.0f}/s",
            roster_resend >= RESEND_TARGET,
        ),
    ]
    if plan.more:
        sent = len(plan.more) * MAX_BATCH
        at_once = sent / await _send_all(client, plan.more, "CREATED", phones=PHONES)
        again = sent / await _send_all(client, plan.more, "DUPLICATE", phones=PHONES)
        rows += [
            Row(f"ingest next {sent:,}, {PHONES} phones at once", f"{at_once:,.0f}/s"),
            Row(f"re-send those, {PHONES} phones at once", f"{again:,.0f}/s"),
        ]
    rest = plan.items[synced + len(plan.more) * MAX_BATCH :]
    if rest:
        seconds = await _fill(root, rest)
        rows.append(Row(f"grow by {len(rest):,} (sync service)", f"{len(rest) / seconds:,.0f}/s"))
    connection = SurveyResponse._meta.db
    if connection.capabilities.dialect == "postgres":
        # What autovacuum does after a bulk load: without it the planner still sees the
        # empty tables' statistics and cannot read the count index alone.
        await connection.execute_script(
            "VACUUM ANALYZE survey_response, survey_answer, survey_answer_count"
        )
    dumped: dict[str, Any] = {}
    for label, code in (("province", None), (f"commune {COMMUNE}", COMMUNE)):
        found, statements, timings = await _results(client, plan.survey_id, code, size.runs)
        dumped[label] = found
        rows.append(
            Row(
                f"surveyResults {label} ({found['responses']:,} responses, {statements} SQL)",
                timings.describe(),
                f"< {RESULTS_TARGET_MS:.0f} ms",
                timings.p95 < RESULTS_TARGET_MS,
            )
        )
    if keep is not None:
        keep.update(dumped)
    return rows


async def run(
    size: Size, *, postgres: str | None = None, keep: dict[str, Any] | None = None
) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="dxnet-bench-") as tmp:
        async with bench_database(Path(tmp), postgres) as url:
            await seed_province(PROVINCE)
            root = await AdminUnit.get(code=str(PROVINCE))
            async with app_client(url, Path(tmp)) as client:
                return await measure(client, root, size, keep=keep)


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench surveys", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--synced", type=int, default=Size.synced, help="responses via GraphQL")
    parser.add_argument("--responses", type=int, default=Size.total, help="responses in all")
    parser.add_argument("--runs", type=int, default=Size.runs, help="surveyResults requests")
    parser.add_argument("--quick", action="store_true", help=f"a smoke run: {QUICK}")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="a PostgreSQL server database to create a fresh database from, e.g. "
        "postgres://postgres@127.0.0.1:5432/postgres",
    )
    parser.add_argument("--dump", type=Path, help="write the surveyResults JSON here")
    args = parser.parse_args(list(argv))
    size = QUICK if args.quick else Size(args.synced, args.responses, args.runs)
    where = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{QUESTIONS} questions; {size.synced:,} via GraphQL, {size.total:,} in all; {where}")
    kept: dict[str, Any] = {}
    print_table(asyncio.run(run(size, postgres=args.postgres, keep=kept)))
    if args.dump:
        args.dump.write_bytes(orjson.dumps(kept, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    return 0
