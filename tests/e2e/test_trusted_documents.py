"""The built PWA against a server in production mode (decision 0030): the app's own
documents run, anything else from the same browser session is refused.

The shared live server runs in development mode, so this module starts its own
production server on a fresh SQLite file (``DXNET_ALLOWED_ORIGINS`` names its plain-http
address: production otherwise expects https).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, Response

from tests.e2e.conftest import (
    ADMIN,
    chromium,
    new_context,
    served,
    sign_in,
)

pytestmark = pytest.mark.e2e

FOREIGN = "query Foreign { adminUnits(first: 2) { edges { node { code name } } } }"


@pytest.fixture(scope="module")
def production_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = {
        "DXNET_ENV": "production",
        # production wants an https origin; the test server is plain http on its own port
        "DXNET_ALLOWED_ORIGINS": "{url}",
        "DXNET_SECRET_KEY": "e2e-production-secret-" + "x" * 40,
    }
    with served(tmp_path_factory.mktemp("e2e-production"), settings) as server:
        yield server.url


@pytest.fixture(scope="module")
async def production_browser(production_url: str) -> AsyncIterator[Browser]:
    async with chromium() as launched:
        yield launched


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
