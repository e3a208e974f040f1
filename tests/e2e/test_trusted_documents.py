"""The built PWA against a server in production mode (decision 0030): the app's own
documents run, anything else from the same browser session is refused.

The shared live server runs in development mode, so this module starts its own
production server on a fresh SQLite file (``DXNET_ALLOWED_ORIGINS`` names its plain-http
address: production otherwise expects https).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Response, async_playwright

from tests.e2e.conftest import (
    _SETUP,
    ADMIN,
    CHROMIUM,
    CHROMIUM_ARGS,
    DIST,
    ROOT,
    STAFF,
    STAFF_UNIT,
    _free_port,
    new_context,
    require_browser,
    sign_in,
)

pytestmark = pytest.mark.e2e

FOREIGN = "query Foreign { adminUnits(first: 2) { edges { node { code name } } } }"


@pytest.fixture(scope="module")
def production_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_browser()
    var = tmp_path_factory.mktemp("e2e-production")
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
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DXNET_DATABASE_URL": url,
        "DXNET_ENV": "production",
        "DXNET_ALLOWED_ORIGINS": base,
        "DXNET_VAR_DIR": str(var),
        "DXNET_SECRET_KEY": "e2e-production-secret-" + "x" * 40,
        "DXNET_PWA_DIST": str(DIST),
        "DXNET_HOST": "127.0.0.1",
        "DXNET_PORT": str(port),
        "DXNET_LOG_LEVEL": "WARNING",
    }
    dxnet = Path(sys.executable).parent / "dxnet"
    command = [str(dxnet)] if dxnet.is_file() else [shutil.which("dxnet") or "dxnet"]
    process = subprocess.Popen([*command, "serve"], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the production dxnet server did not start")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
async def production_browser(production_url: str) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()


async def test_the_built_app_runs_in_production_and_nothing_else_does(
    production_browser: Browser, production_url: str
) -> None:
    context = await new_context(production_browser)
    refused: list[str] = []

    async def watch(response: Response) -> None:
        if response.url.endswith("/graphql") and response.status != 200:
            refused.append(f"{response.status} {await response.text()}")

    try:
        page = await context.new_page()
        page.on("response", watch)
        await sign_in(page, production_url)  # login and viewer are the app's own documents
        for route in ("#/events", "#/campaigns", "#/"):
            await page.goto(f"{production_url}/{route}")
            await page.wait_for_load_state("networkidle")
        page.remove_listener("response", watch)
        foreign = await page.evaluate(
            """async (query) => {
                const reply = await fetch('/graphql', { method: 'POST', credentials: 'same-origin',
                    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
                    body: JSON.stringify({ query }) });
                return { status: reply.status, body: await reply.json() };
            }""",
            FOREIGN,
        )
    finally:
        await context.close()

    assert refused == [], refused
    assert foreign["status"] == 400
    assert foreign["body"]["errors"][0]["extensions"]["code"] == "DOCUMENT_NOT_TRUSTED"


# The office's screens, each sending its own documents (lists, breadcrumbs, pickers).
OFFICE_ROUTES = (
    "#/office",
    "#/dashboard",
    "#/dashboard/31825",
    "#/registry/members",
    "#/registry/organizations",
    "#/surveys/manage",
    "#/events/manage",
    "#/campaigns/manage",
    "#/admin/users",
    "#/admin/audit",
    "#/recognition/rounds",
    "#/initiatives/screening",
    "#/kb",
    "#/emulation",
)


async def test_the_office_screens_run_in_production(
    production_browser: Browser, production_url: str
) -> None:
    context = await new_context(production_browser)
    refused: list[str] = []

    async def watch(response: Response) -> None:
        if response.url.endswith("/graphql") and response.status != 200:
            refused.append(f"{response.url} {response.status} {await response.text()}")
        elif response.url.endswith("/graphql"):
            body = await response.json()
            codes = [e.get("extensions", {}).get("code") for e in body.get("errors") or []]
            if "DOCUMENT_NOT_TRUSTED" in codes:
                refused.append(f"{page.url} {codes}")

    try:
        page = await context.new_page()
        await sign_in(page, production_url, ADMIN)
        page.on("response", watch)
        for route in OFFICE_ROUTES:
            await page.goto(f"{production_url}/{route}")
            await page.wait_for_load_state("networkidle")
        page.remove_listener("response", watch)
    finally:
        await context.close()

    assert refused == [], refused
