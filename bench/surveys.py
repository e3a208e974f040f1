"""Survey sync and results at scale: 100,000 responses.

Builds a temporary SQLite database (the real Cà Mau tree and the demo household
survey), then, as the system actor, in batches of 100 (one transaction per call, as
``syncSurveyResponses`` runs):

(a) ingest: new responses per second over the first 10,000 (issue #4: 1,000/s);
(b) re-send: those batches again, every one a DUPLICATE (issue #4: 2,000/s);
(c) ingest of the rest, up to the full size (reported, no target);
(d) ``surveyResults`` latency over all responses, for the province and one commune
    (issue #4: under 500 ms over 100,000 responses).

Run with ``python -m bench surveys`` (``--responses`` to resize).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tortoise import Tortoise
from tortoise.transactions import in_transaction

from api.db import migrate, tortoise_config
from api.settings import SQLITE_PRAGMAS
from bench.network import Row, print_table
from network.actor import Actor
from network.models import AdminUnit, AdminUnitKind
from network.seed import seed_province
from surveys import results, services
from surveys.demo import DEFINITION, _answers
from surveys.services import SurveyData
from surveys.sync import MAX_BATCH, ResponseData, SyncStatus, sync_responses

PROVINCE = 96
INGEST_TARGET = 1_000.0
RESEND_TARGET = 2_000.0
RESULTS_TARGET_S = 0.5
TIMED = 10_000


async def _batches(system: Actor, n: int) -> list[list[ResponseData]]:
    survey = await services.create(
        system,
        data=SurveyData(title="Bench survey", admin_unit_code=str(PROVINCE), definition=DEFINITION),
    )
    await services.publish(system, survey_id=survey.id)
    communes = await AdminUnit.filter(
        kind__in=(AdminUnitKind.COMMUNE, AdminUnitKind.WARD, AdminUnitKind.SPECIAL_ZONE)
    ).order_by("path")
    rng = random.Random(7)
    start = datetime.now(UTC) - timedelta(days=20)
    items = [
        ResponseData(
            client_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            survey_id=survey.id,
            version=1,
            answers=_answers(rng, i % 3 == 0),
            collected_at=start + timedelta(seconds=i),
            admin_unit_code=communes[i % len(communes)].code,
            device_id=f"phone-{i % 500}",
        )
        for i in range(n)
    ]
    return [items[i : i + MAX_BATCH] for i in range(0, n, MAX_BATCH)]


async def _sync_all(
    system: Actor, batches: list[list[ResponseData]], expected: SyncStatus
) -> float:
    started = time.perf_counter()
    for batch in batches:
        async with in_transaction():
            outcome = await sync_responses(system, items=batch)
        if any(r.status != expected for r in outcome):
            raise RuntimeError(
                f"unexpected results: {[r for r in outcome if r.status != expected][:3]}"
            )
    return time.perf_counter() - started


async def measure(system: Actor, n: int) -> list[Row]:
    batches = await _batches(system, n)
    survey_id = batches[0][0].survey_id
    first, rest = batches[: TIMED // MAX_BATCH], batches[TIMED // MAX_BATCH :]
    timed = sum(len(b) for b in first)
    ingest = timed / await _sync_all(system, first, SyncStatus.CREATED)
    resend = timed / await _sync_all(system, first, SyncStatus.DUPLICATE)
    rows = [
        Row(
            f"ingest first {timed:,} responses",
            f"{ingest:,.0f}/s",
            f">= {INGEST_TARGET:,.0f}/s",
            ingest >= INGEST_TARGET,
        ),
        Row(
            f"re-send {timed:,} responses",
            f"{resend:,.0f}/s",
            f">= {RESEND_TARGET:,.0f}/s",
            resend >= RESEND_TARGET,
        ),
    ]
    if rest:
        remaining = sum(len(b) for b in rest)
        seconds = await _sync_all(system, rest, SyncStatus.CREATED)
        rows.append(
            Row(f"ingest next {remaining:,} responses", f"{remaining / seconds:,.0f}/s", "-", None)
        )
    for label, code in (("province", None), ("commune 32002", "32002")):
        started = time.perf_counter()
        found = await results.results(system, survey_id=survey_id, admin_unit_code=code)
        seconds = time.perf_counter() - started
        rows.append(
            Row(
                f"surveyResults {label} ({found.responses:,} responses)",
                f"{seconds * 1000:,.0f} ms",
                f"< {RESULTS_TARGET_S * 1000:.0f} ms",
                seconds < RESULTS_TARGET_S,
            )
        )
    return rows


async def run(n: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="dxnet-bench-") as tmp:
        url = f"sqlite://{Path(tmp) / 'bench.sqlite3'}?{SQLITE_PRAGMAS}"
        await migrate(url)
        await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
        try:
            await seed_province(PROVINCE)
            root = await AdminUnit.get(code=str(PROVINCE))
            return await measure(Actor.system(root.path, root.code), n)
        finally:
            await Tortoise.close_connections()


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench surveys", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--responses", type=int, default=100_000)
    args = parser.parse_args(list(argv))
    print_table(asyncio.run(run(args.responses)))
    return 0
