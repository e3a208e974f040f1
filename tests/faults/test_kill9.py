"""``kill -9`` during concurrent sync: a real ``dxnet serve`` is killed while several field
staff threads send batches of survey responses; after a restart every batch is sent again and
the database holds exactly one response per client id (none acknowledged is lost, none doubled).

Runs on a temporary SQLite file (one worker) and on a throw-away PostgreSQL database with two
workers (skipped when PostgreSQL is unreachable outside CI, like the other PostgreSQL tests).
"""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.conftest import _drop_postgres_database, _postgres_database
from tests.helpers import free_port, wait_for_health
from tests.surveys.survey_data import GOOD_ANSWERS

pytestmark = pytest.mark.faults

ROOT = Path(__file__).resolve().parents[2]
STAFF = ("fault.canbo", "mat-khau-can-bo-fault")
UNIT = "32002"
THREADS = 4
BATCHES = 6  # per thread
BATCH = 20  # responses per batch

_SETUP = """
import asyncio, sys
from tortoise import Tortoise
from api.db import migrate, tortoise_config
from accounts import services as accounts
from core.actor import Actor
from network.models import AdminUnit
from network.seed import seed_province
from tests.surveys.survey_data import published_survey

async def main(url):
    await migrate(url)
    await Tortoise.init(config=tortoise_config(url))
    try:
        await seed_province(96)
        tree = await AdminUnit.get(code="96")
        actor = Actor.system(tree.path, tree.code)
        await accounts.create_user(actor, username=%(staff)r, password=%(password)r,
            display_name="Cán bộ", roles=["FIELD_STAFF"], scope_code=%(unit)r)
        survey = await published_survey(actor)
        print(survey.id)
    finally:
        await Tortoise.close_connections()

asyncio.run(main(sys.argv[1]))
"""

SYNC = """mutation($input: SyncSurveyResponsesInput!) {
  syncSurveyResponses(input: $input) { results { clientId result } errors { code } } }"""


class Server:
    """``dxnet serve`` in its own process group, so ``kill -9`` takes its workers too."""

    def __init__(self, url: str, var: Path, workers: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DXNET_DATABASE_URL": url,
            "DXNET_ENV": "development",
            "DXNET_VAR_DIR": str(var),
            "DXNET_SECRET_KEY": "fault-secret-key-" + "x" * 40,
            "DXNET_PWA_DIST": str(var / "no-pwa"),
            "DXNET_HOST": "127.0.0.1",
            "DXNET_PORT": str(self.port),
            "DXNET_LOG_LEVEL": "ERROR",
        }
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-c", "from api.cli import main; main()", "serve"]
        self.process = subprocess.Popen(
            [*command, "--workers", str(self.workers)],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        wait_for_health(self.base, self.process)

    def kill9(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def _login(server: Server) -> httpx.Cookies:
    reply = httpx.post(
        f"{server.base}/graphql",
        json={
            "query": "mutation($i: LoginInput!) { login(input: $i) { errors { code } } }",
            "variables": {"i": {"username": STAFF[0], "password": STAFF[1]}},
        },
        timeout=30,
    )
    assert reply.json()["data"]["login"]["errors"] == [], reply.text
    return reply.cookies


def _batches(survey_id: str) -> list[list[dict[str, Any]]]:
    collected = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    return [
        [
            {
                "clientId": str(uuid.uuid4()),
                "surveyId": survey_id,
                "version": 1,
                "answers": GOOD_ANSWERS,
                "collectedAt": collected,
                "adminUnitCode": UNIT,
                "deviceId": f"device-{b}",
            }
            for _ in range(BATCH)
        ]
        for b in range(THREADS * BATCHES)
    ]


def _send(server: Server, cookies: httpx.Cookies, batch: list[dict[str, Any]]) -> list[str]:
    """The client ids the server acknowledged (CREATED or DUPLICATE)."""
    reply = httpx.post(
        f"{server.base}/graphql",
        json={"query": SYNC, "variables": {"input": {"responses": batch}}},
        cookies=cookies,
        timeout=30,
    )
    payload = reply.json()["data"]["syncSurveyResponses"]
    assert payload["errors"] == [], payload
    return [r["clientId"] for r in payload["results"] if r["result"] in ("CREATED", "DUPLICATE")]


def _run(server: Server, count_rows: Any, survey_id: str) -> None:
    server.start()
    cookies = _login(server)
    batches = _batches(survey_id)
    acknowledged: set[str] = set()
    lock = threading.Lock()
    first_ack = threading.Event()

    def worker(mine: list[list[dict[str, Any]]]) -> None:
        for batch in mine:
            try:
                ids = _send(server, cookies, batch)
            except (httpx.HTTPError, ValueError, KeyError, TypeError):
                return  # the server died under us
            with lock:
                acknowledged.update(ids)
            first_ack.set()

    threads = [threading.Thread(target=worker, args=(batches[i::THREADS],)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    assert first_ack.wait(timeout=30), "no batch was acknowledged before the kill"
    time.sleep(0.05)
    server.kill9()
    for thread in threads:
        thread.join(timeout=30)
    before = count_rows()
    print(
        f"killed with {len(acknowledged)} acknowledged, {before[0]} stored, of {THREADS * BATCHES * BATCH}"
    )
    assert len(acknowledged) <= before[0], "an acknowledged response was lost"

    server.start()
    try:
        for batch in batches:
            ids = _send(server, cookies, batch)
            assert len(ids) == len(batch), "a resent response was not stored"
        rows, distinct = count_rows()
        unique = {r["clientId"] for batch in batches for r in batch}
        assert rows == distinct == len(unique), (rows, distinct, len(unique))
        assert acknowledged <= unique
        assert 0 < len(acknowledged) < len(unique) or len(acknowledged) == len(unique)
    finally:
        server.stop()


def _setup(url: str) -> str:
    started = time.monotonic()
    script = _SETUP % {"staff": STAFF[0], "password": STAFF[1], "unit": UNIT}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, url],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    print(f"setup {time.monotonic() - started:.1f}s")
    pk = done.stdout.strip().splitlines()[-1]
    return base64.b64encode(f"Survey:{pk}".encode()).decode()


COUNT = "SELECT COUNT(*), COUNT(DISTINCT client_id) FROM survey_response"


def test_kill9_sqlite(tmp_path: Path) -> None:
    database = tmp_path / "dxnet.sqlite3"
    url = f"sqlite://{database}?journal_mode=WAL&busy_timeout=5000&synchronous=FULL&foreign_keys=ON"
    survey_id = _setup(url)

    def count_rows() -> tuple[int, int]:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
            rows, distinct = db.execute(COUNT).fetchone()
        return int(rows), int(distinct)

    _run(Server(url, tmp_path, workers=1), count_rows, survey_id)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    url = asyncio.run(_postgres_database())
    try:
        yield url
    finally:
        asyncio.run(_drop_postgres_database(url))


def test_kill9_postgres_two_workers(tmp_path: Path, postgres_url: str) -> None:
    survey_id = _setup(postgres_url)

    async def count() -> tuple[int, int]:
        connection = await asyncpg.connect(postgres_url, timeout=5)
        try:
            row = await connection.fetchrow(COUNT)
        finally:
            await connection.close()
        assert row is not None
        return int(row[0]), int(row[1])

    _run(Server(postgres_url, tmp_path, workers=2), lambda: asyncio.run(count()), survey_id)
