"""Browser tests: the built PWA (pwa/dist) in Debian's chromium, driven by Playwright,
against a real `dxnet` server (uvicorn subprocess) on a temporary SQLite file.

They run once, on SQLite: they are not marked ``db``, so the PostgreSQL rerun
(``pytest -m db``) leaves them out. Without chromium or a built PWA they are skipped
with the reason, except under CI, where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    async_playwright,
    expect,
)

from tests.helpers import free_port, stop_server, wait_for_health

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "pwa" / "dist"
CHROMIUM = os.environ.get("DXNET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
# Screenshots of every screen at the brief's phone and desktop sizes (git-ignored).
ARTIFACTS = ROOT / "test-artifacts"
SHOT_SIZES: dict[str, ViewportSize] = {
    "360x740": {"width": 360, "height": 740},
    "1280x800": {"width": 1280, "height": 800},
}
ADMIN = ("e2e.admin", "mat-khau-quan-tri-e2e")
STAFF = ("e2e.canbo", "mat-khau-can-bo-e2e")
STAFF_UNIT = "31825"  # Phường Bạc Liêu

# A machine of two cores running the server, chromium and pytest at once sometimes needs
# more than Playwright's 5 s for a step that takes a few hundred milliseconds unloaded; a
# wait ends as soon as its condition holds, so a longer bound slows nothing that passes.
expect.set_options(timeout=15_000)

_SETUP = """
import asyncio, sys
from tortoise import Tortoise
from api.db import migrate, tortoise_config
from accounts import services as accounts
from core.actor import Actor
from network.seed import seed_province

async def main(url):
    await migrate(url)
    await Tortoise.init(config=tortoise_config(url))
    try:
        await seed_province(96)
        from network.models import AdminUnit
        tree = await AdminUnit.get(code="96")
        actor = Actor.system(tree.path, tree.code)
        await accounts.create_user(actor, username=%(admin)r, password=%(admin_pw)r,
            display_name="Quản trị E2E", roles=["PROVINCE_ADMIN"], scope_code="96")
        await accounts.create_user(actor, username=%(staff)r, password=%(staff_pw)r,
            display_name="Cán bộ E2E", roles=["FIELD_STAFF"], scope_code=%(unit)r)
    finally:
        await Tortoise.close_connections()

asyncio.run(main(sys.argv[1]))
"""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: browser tests against a live server (run once)")


def _missing() -> str | None:
    if not Path(CHROMIUM).is_file():
        return f"chromium not found at {CHROMIUM} (apt-get install chromium)"
    if not (DIST / "index.html").is_file() or not (DIST / "sw.js").is_file():
        return "pwa/dist is not built (cd pwa && npm ci && npm run build)"
    return None


def require_browser() -> None:
    reason = _missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    database: Path
    admin_cookies: httpx.Cookies = field(default_factory=httpx.Cookies)

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Run a GraphQL operation as the province admin; fail on any error."""
        reply = httpx.post(
            f"{self.url}/graphql",
            json={"query": query, "variables": variables or {}},
            cookies=self.admin_cookies,
            timeout=30,
        )
        body: dict[str, Any] = reply.json()
        assert not body.get("errors"), body
        data: dict[str, Any] = body["data"]
        return data

    def create_survey(self, title: str, definition: dict[str, Any], *, public: bool = False) -> str:
        created = self.graphql(
            """mutation($input: CreateSurveyInput!) { createSurvey(input: $input) {
                survey { id } errors { field code message } } }""",
            {
                "input": {
                    "title": title,
                    "adminUnitCode": "96",
                    "definition": definition,
                    "isPublic": public,
                }
            },
        )["createSurvey"]
        assert not created["errors"], created
        survey_id: str = created["survey"]["id"]
        published = self.graphql(
            "mutation($input: SurveyIdInput!) { publishSurvey(input: $input) { errors { code message } } }",
            {"input": {"id": survey_id}},
        )["publishSurvey"]
        assert not published["errors"], published
        return survey_id

    def responses(self, survey_id: str) -> int:
        data = self.graphql(
            "query($id: ID!) { surveyResults(surveyId: $id) { responses } }", {"id": survey_id}
        )
        count: int = data["surveyResults"]["responses"]
        return count

    def stored_photo(self, client_id: str, question_key: str) -> bytes:
        """The bytes the server keeps for a photo answer, read from its SQLite file
        (no route serves them back)."""
        with closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)) as db:
            row = db.execute(
                "SELECT p.data FROM survey_photo p JOIN survey_response r ON r.id = p.response_id"
                " WHERE r.client_id = ? AND p.question_key = ?",
                (client_id, question_key),
            ).fetchone()
        assert row is not None, f"no photo {question_key!r} stored for {client_id}"
        data: bytes = row[0]
        return data

    def stored_responses(self, title: str) -> list[tuple[str, dict[str, Any]]]:
        """(client id, answers) of each response the server stored for the survey titled
        ``title``, read from its SQLite file."""
        with closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)) as db:
            rows = db.execute(
                "SELECT r.client_id, r.answers FROM survey_response r"
                " JOIN survey s ON s.id = r.survey_id WHERE s.title = ?",
                (title,),
            ).fetchall()
        return [(row[0], json.loads(row[1])) for row in rows]

    def stored_answers(self, title: str) -> list[dict[str, Any]]:
        """The answers of each response stored for the survey titled ``title``."""
        return [answers for _, answers in self.stored_responses(title)]

    def recorded_by(self, client_id: str) -> tuple[int | None, str | None]:
        """Who the server recorded a response under: (staff user id, visitor device)."""
        with closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)) as db:
            row = db.execute(
                "SELECT recorded_by_id, public_device FROM survey_response WHERE client_id = ?",
                (client_id,),
            ).fetchone()
        assert row is not None, f"no response {client_id}"
        return row[0], row[1]

    def wait_for_responses(self, survey_id: str, expected: int, timeout: float = 10.0) -> int:
        """The server's count once it reaches ``expected`` (or the last seen after timeout)."""
        deadline = time.monotonic() + timeout
        count = self.responses(survey_id)
        while count < expected and time.monotonic() < deadline:
            time.sleep(0.2)
            count = self.responses(survey_id)
        return count


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with served(tmp_path_factory.mktemp("e2e"), {"DXNET_ENV": "development"}) as server:
        login = httpx.post(
            f"{server.url}/graphql",
            json={
                "query": "mutation($i: LoginInput!) { login(input: $i) { viewer { username } errors { code } } }",
                "variables": {"i": {"username": ADMIN[0], "password": ADMIN[1]}},
            },
        )
        assert login.json()["data"]["login"]["viewer"], login.text
        server.admin_cookies = login.cookies
        yield server


@contextmanager
def served(var: Path, settings: dict[str, str]) -> Iterator[LiveServer]:
    """A `dxnet serve` over a fresh SQLite file in `var` (the tree, the e2e admin and field
    officer seeded), with `settings` over the test defaults; stopped on exit. `settings`
    may name ``{url}`` (the server's own address, e.g. for DXNET_ALLOWED_ORIGINS)."""
    require_browser()
    database = var / "dxnet.sqlite3"
    url = f"sqlite://{database}?journal_mode=WAL&busy_timeout=5000&synchronous=FULL&foreign_keys=ON"
    script = _SETUP % {
        "admin": ADMIN[0],
        "admin_pw": ADMIN[1],
        "staff": STAFF[0],
        "staff_pw": STAFF[1],
        "unit": STAFF_UNIT,
    }
    subprocess.run([sys.executable, "-c", script, url], cwd=ROOT, check=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DXNET_DATABASE_URL": url,
        "DXNET_VAR_DIR": str(var),
        "DXNET_SECRET_KEY": "e2e-secret-key-" + "x" * 40,
        "DXNET_PWA_DIST": str(DIST),
        "DXNET_HOST": "127.0.0.1",
        "DXNET_PORT": str(port),
        "DXNET_LOG_LEVEL": "WARNING",
        # The screens' tests write then read the dashboard at once: KPI figures are
        # computed for every request here (production shares them for 15 s, decision
        # 0040, which tests/network/test_kpis_graphql.py covers).
        "DXNET_KPI_MAX_AGE_SECONDS": "0",
        **{name: value.format(url=base) for name, value in settings.items()},
    }
    dxnet = Path(sys.executable).parent / "dxnet"
    command = [str(dxnet)] if dxnet.is_file() else [shutil.which("dxnet") or "dxnet"]
    process = subprocess.Popen([*command, "serve"], cwd=ROOT, env=env)
    try:
        wait_for_health(base, process, f"the dxnet server did not start ({settings})")
        yield LiveServer(base, process, database)
    finally:
        stop_server(process)


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    """The machine's Chromium under Playwright, closed after."""
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture(scope="session")
async def browser(live_server: LiveServer) -> AsyncIterator[Browser]:
    async with chromium() as launched:
        yield launched


async def new_context(
    browser: Browser, *, service_workers: bool = False, viewport: ViewportSize = PHONE
) -> BrowserContext:
    """A phone-sized context (unless ``viewport`` says otherwise); service workers only
    where a test needs the offline shell (Playwright does not route requests a service
    worker handles). The phone is in Cà Mau, on Vietnam's clock, while the machine running
    the server may be on UTC (the contexts of some other tests): "today" must not depend
    on which."""
    return await browser.new_context(
        viewport=viewport,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        service_workers="allow" if service_workers else "block",
        geolocation={"latitude": 9.2941, "longitude": 105.7278, "accuracy": 8},
        permissions=["geolocation"],
    )


@asynccontextmanager
async def phone_page(
    browser: Browser, *, service_workers: bool = False, viewport: ViewportSize = PHONE
) -> AsyncIterator[Page]:
    """A page in a context of its own from ``new_context``, closed after."""
    context = await new_context(browser, service_workers=service_workers, viewport=viewport)
    try:
        yield await context.new_page()
    finally:
        await context.close()


def desktop_page(browser: Browser) -> AbstractAsyncContextManager[Page]:
    """``phone_page`` at 1280×800, for the office's desktop screens."""
    return phone_page(browser, viewport=DESKTOP)


@pytest.fixture
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    ctx = await new_context(browser)
    try:
        yield ctx
    finally:
        await ctx.close()


@asynccontextmanager
async def signed_in(
    browser: Browser, base_url: str, user: tuple[str, str], viewport: ViewportSize = DESKTOP
) -> AsyncIterator[Page]:
    """A page signed in as ``user`` in a context of its own (no service worker), closed after."""
    context = await browser.new_context(viewport=viewport, locale="vi-VN", service_workers="block")
    try:
        page = await context.new_page()
        await sign_in(page, base_url, user)
        yield page
    finally:
        await context.close()


async def sign_in(page: Page, base_url: str, user: tuple[str, str] = STAFF) -> None:
    await page.goto(f"{base_url}/#/signin")
    await page.get_by_label("Tên đăng nhập").fill(user[0])
    await page.get_by_label("Mật khẩu").fill(user[1])
    await page.get_by_role("button", name="Đăng nhập").click()
    await page.get_by_role("button", name="Đăng xuất").wait_for()


async def open_form(context: BrowserContext, base_url: str, title: str) -> Page:
    """A new page of ``context``, signed in as field staff, on the form titled ``title``."""
    page = await context.new_page()
    await sign_in(page, base_url)
    await page.get_by_role("link", name=f"Mở phiếu: {title}").click()
    return page


async def outbox_items(page: Page) -> list[dict[str, Any]]:
    """The outbox as IndexedDB holds it, read in the page."""
    return await stored_items(page, "outbox")


async def stored_items(page: Page, store: str) -> list[dict[str, Any]]:
    """What one of the app's IndexedDB stores holds (blobs show as {}), read in the page."""
    raw = await page.evaluate(
        """(store) => new Promise((resolve, reject) => {
            const open = indexedDB.open('dxnet');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains(store)) { db.close(); resolve('[]'); return; }
                const get = db.transaction(store).objectStore(store).getAll();
                get.onsuccess = () => { db.close(); resolve(JSON.stringify(get.result)); };
                get.onerror = () => reject(get.error);
            };
        })""",
        store,
    )
    items: list[dict[str, Any]] = json.loads(raw)
    return items


async def wait_for_draft(page: Page, holds: str) -> None:
    """Until a survey draft in IndexedDB satisfies ``holds`` (a JavaScript expression of
    ``d``, one draft): the debounced write has landed, so a reload finds it. Fast
    scripted input can keep resetting the debounce until the reload, and a write started
    as the page unloads may not commit. A synchronous predicate: Playwright takes a
    returned promise as truthy at once (microsoft/playwright#29132); each poll starts a
    read and answers with what the last finished read found."""
    probe = f"__draftProbe{uuid.uuid4().hex}"
    await page.wait_for_function(
        f"""() => {{
            const probe = (window.{probe} ??= {{ found: false, reading: false }});
            if (probe.found) return true;
            if (probe.reading) return false;
            probe.reading = true;
            const open = indexedDB.open('dxnet');
            open.onerror = () => {{ probe.reading = false; }};
            open.onsuccess = () => {{
                const db = open.result;
                const get = db.transaction('drafts').objectStore('drafts').getAll();
                get.onsuccess = () => {{
                    probe.found = get.result.some((d) => {holds});
                    probe.reading = false;
                    db.close();
                }};
                get.onerror = () => {{ probe.reading = false; db.close(); }};
            }};
            return false;
        }}"""
    )


async def shoot(page: Page, name: str) -> None:
    """The whole page at the phone and the desktop sizes, as test-artifacts/<name>-<size>.png;
    the page keeps the size it had."""
    ARTIFACTS.mkdir(exist_ok=True)
    size = page.viewport_size
    await page.evaluate("window.scrollTo(0, 0)")
    for label, viewport in SHOT_SIZES.items():
        await page.set_viewport_size(viewport)
        await page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
    if size:
        await page.set_viewport_size(size)
