"""The PWA's budgets (issue 13): load times on a slow 3G line and Lighthouse scores.

``make pwa-budgets`` (``python -m bench pwa``) starts a ``dxnet serve`` on a temporary
SQLite file with the demo data (or uses ``--url`` of a running one, with the demo logins)
and the built ``pwa/dist``, then:

1. **Load times**, in Debian's chromium driven by Playwright, the network throttled with
   CDP ``Network.emulateNetworkConditions`` (400 kbit/s down and up, 400 ms round trip):
   a visitor's first visit to ``/`` (an empty browser profile) until the public surveys
   are listed, and the repeat visit (the service worker installed: a reload) until they
   are listed again; the same for field staff (``canbo.31825``, signed in) until the
   home's events are shown. The median of ``--runs`` runs, with the bytes that crossed
   the network. Budgets: first visit ≤ 3 s, repeat ≤ 1 s.
2. **Lighthouse** 12 (``pwa/node_modules``, mobile form factor, accessibility and best
   practices) on the visitor's page, the citizens' initiative form, the staff home, the
   check-in of a demo event and the field log of the demo campaign (issue 13), and, signed
   in as the province admin, the dashboard, the member list, the import screen and the
   survey builder (issue 14). Targets: accessibility 100, best practices ≥ 95. Failing
   audits are listed.

Exits 1 when a number is over its budget. ``--no-throttle --runs 1 --no-lighthouse`` is
a quick smoke run. Not part of ``make test``: the throttled runs take minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Browser, async_playwright

from bench.servers import free_port

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "pwa" / "dist"
LIGHTHOUSE = ROOT / "pwa" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("DXNET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic"]
STAFF = ("canbo.31825", "dxnet-demo-2025")
ADMIN = ("admin", "dxnet-demo-2025")
PHONE = {"width": 360, "height": 740}

FIRST_VISIT_BUDGET = 3.0
REPEAT_VISIT_BUDGET = 1.0
ACCESSIBILITY_TARGET = 1.0
BEST_PRACTICES_TARGET = 0.95

# What "the page is shown" means: the visitor's public surveys (or that there are none),
# the staff home's events (or that there are none).
VISITOR_READY = "li.card.survey, section > p.empty"
STAFF_READY = (
    "section[aria-labelledby=home-events] ul.cards, section[aria-labelledby=home-events] p.empty"
)


@dataclass(frozen=True)
class Throttle:
    latency_ms: float
    down_kbit: float
    up_kbit: float

    def cdp(self) -> dict[str, Any]:
        return {
            "offline": False,
            "latency": self.latency_ms,
            "downloadThroughput": self.down_kbit * 1000 / 8,
            "uploadThroughput": self.up_kbit * 1000 / 8,
        }


SLOW_3G = Throttle(latency_ms=400, down_kbit=400, up_kbit=400)


@dataclass
class Visit:
    seconds: float
    kilobytes: float


@dataclass
class Visits:
    who: str
    first: list[Visit]
    repeat: list[Visit]


@contextmanager
def demo_server() -> Iterator[str]:
    """``dxnet serve`` on a temporary SQLite file with the demo data; yields its URL."""
    dxnet = Path(sys.executable).parent / "dxnet"
    command = str(dxnet) if dxnet.is_file() else (shutil.which("dxnet") or "dxnet")
    with tempfile.TemporaryDirectory(prefix="dxnet-budgets-") as var:
        port = free_port()
        env = {
            **os.environ,
            "DXNET_VAR_DIR": var,
            "DXNET_DATABASE_URL": f"sqlite://{var}/dxnet.sqlite3?journal_mode=WAL&foreign_keys=ON",
            "DXNET_PWA_DIST": str(DIST),
            "DXNET_PORT": str(port),
            "DXNET_HOST": "127.0.0.1",
            "DXNET_LOG_LEVEL": "WARNING",
        }
        started = time.perf_counter()
        for step in (["migrate"], ["seed", "--demo"]):
            subprocess.run(
                [command, *step], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
            )
        print(f"demo data ready in {time.perf_counter() - started:.0f} s")
        process = subprocess.Popen([command, "serve"], cwd=ROOT, env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120  # a loaded machine imports slowly
            while True:
                try:
                    if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the dxnet server did not start")
                time.sleep(0.1)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def session_cookie(url: str, user: tuple[str, str] = STAFF) -> httpx.Cookies:
    """Sign in over GraphQL; the session cookie."""
    reply = httpx.post(
        f"{url}/graphql",
        json={
            "query": "mutation($i: LoginInput!) { login(input: $i) { errors { code } } }",
            "variables": {"i": {"username": user[0], "password": user[1]}},
        },
        headers={"Origin": url},
        timeout=30,
    )
    errors = reply.json()["data"]["login"]["errors"]
    if errors:
        raise RuntimeError(f"cannot sign in as {user[0]}: {errors}")
    return reply.cookies


async def visit(
    browser: Browser, url: str, ready: str, throttle: Throttle | None, cookies: httpx.Cookies
) -> tuple[Visit, Visit]:
    """A first visit in an empty profile, then a repeat visit once the service worker is
    ready; each until ``ready`` shows."""
    context = await browser.new_context(
        viewport=PHONE,  # type: ignore[arg-type]
        locale="vi-VN",
        service_workers="allow",
    )
    try:
        if cookies:
            host = httpx.URL(url).host
            await context.add_cookies(
                [
                    {"name": c.name, "value": c.value or "", "domain": host, "path": "/"}
                    for c in cookies.jar
                ]
            )
        page = await context.new_page()
        cdp = await context.new_cdp_session(page)
        await cdp.send("Network.enable")
        if throttle:
            await cdp.send("Network.emulateNetworkConditions", throttle.cdp())
        received = [0.0]
        cdp.on(
            "Network.loadingFinished",
            lambda event: received.__setitem__(0, received[0] + event["encodedDataLength"]),
        )

        async def until_ready(action: Any) -> Visit:
            received[0] = 0.0
            started = time.perf_counter()
            await action
            await page.locator(ready).first.wait_for(timeout=60_000)
            return Visit(time.perf_counter() - started, received[0] / 1024)

        first = await until_ready(page.goto(f"{url}/", wait_until="commit"))
        # the service worker precaches every chunk (over the same slow line), then controls
        await page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        repeat = await until_ready(page.reload(wait_until="commit"))
        return first, repeat
    finally:
        await context.close()


async def measure(
    url: str, throttle: Throttle | None, runs: int, staff_login: tuple[str, str] = STAFF
) -> list[Visits]:
    """Each visit ``runs`` times: a visitor's, then signed-in field staff's."""
    staff = session_cookie(url, staff_login)
    results = [Visits("visitor", [], []), Visits("field staff", [], [])]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                for visits, ready, cookies in (
                    (results[0], VISITOR_READY, httpx.Cookies()),
                    (results[1], STAFF_READY, staff),
                ):
                    first, repeat = await visit(browser, url, ready, throttle, cookies)
                    visits.first.append(first)
                    visits.repeat.append(repeat)
        finally:
            await browser.close()
    return results


def _median(visits: list[Visit]) -> Visit:
    return Visit(
        statistics.median(v.seconds for v in visits), statistics.median(v.kilobytes for v in visits)
    )


def report_visits(results: list[Visits], throttled: bool) -> bool:
    line = "slow 3G (400 kbit/s, 400 ms RTT)" if throttled else "no throttling"
    print(f"\nLoad times, {line}, median of {len(results[0].first)} run(s):")
    print(f"{'who':<13} {'visit':<7} {'seconds':>8} {'budget':>7} {'KB on the wire':>15}  ")
    ok = True
    for visits in results:
        for name, runs, budget in (
            ("first", visits.first, FIRST_VISIT_BUDGET),
            ("repeat", visits.repeat, REPEAT_VISIT_BUDGET),
        ):
            median = _median(runs)
            within = median.seconds <= budget
            ok &= within or not throttled
            mark = "ok" if within else "OVER"
            print(
                f"{visits.who:<13} {name:<7} {median.seconds:>8.2f} {budget:>7.1f}"
                f" {median.kilobytes:>15.1f}  {mark}"
            )
    return ok


def demo_pages(url: str, cookies: httpx.Cookies) -> list[tuple[str, str, str | None]]:
    """(name, address, who: None for a visitor, "staff" or "admin") of the pages
    Lighthouse scores."""
    body = httpx.post(
        f"{url}/graphql",
        json={
            "query": "{ events(first: 1) { edges { node { id } } }"
            " campaigns(first: 1) { edges { node { id } } } }"
        },
        cookies=cookies,
        headers={"Origin": url},
        timeout=30,
    ).json()["data"]
    pages: list[tuple[str, str, str | None]] = [
        ("public page (visitor)", f"{url}/", None),
        ("initiative form", f"{url}/#/initiatives/new", None),
        ("home (field staff)", f"{url}/", "staff"),
    ]
    if body["events"]["edges"]:
        event = body["events"]["edges"][0]["node"]["id"]
        pages.append(("check-in", f"{url}/#/events/{event}/check-in", "staff"))
    if body["campaigns"]["edges"]:
        campaign = body["campaigns"]["edges"][0]["node"]["id"]
        pages.append(("campaign log", f"{url}/#/campaigns/{campaign}/log", "staff"))
    pages += [
        ("dashboard (admin)", f"{url}/#/dashboard", "admin"),
        ("member list (admin)", f"{url}/#/registry/members", "admin"),
        ("import (admin)", f"{url}/#/registry/import", "admin"),
        ("survey builder (admin)", f"{url}/#/surveys/new", "admin"),
    ]
    return pages


def lighthouse(page_url: str, cookie_header: str | None) -> dict[str, Any]:
    """One Lighthouse run (mobile; accessibility and best practices); its JSON report."""
    with tempfile.TemporaryDirectory() as out:
        report = Path(out) / "report.json"
        command = [
            str(LIGHTHOUSE),
            page_url,
            "--only-categories=accessibility,best-practices",
            "--form-factor=mobile",
            "--throttling-method=provided",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
        ]
        if cookie_header:
            command.append(f"--extra-headers={json.dumps({'Cookie': cookie_header})}")
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        subprocess.run(command, cwd=ROOT / "pwa", env=env, check=True, timeout=300)
        result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
        return result


def failing_audits(result: dict[str, Any]) -> list[str]:
    """The audits that count towards a score and did not pass."""
    failing = []
    for category in result["categories"].values():
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.append(f"{ref['id']} ({audit['title']})")
    return failing


def report_lighthouse(url: str) -> bool:
    if not LIGHTHOUSE.is_file():
        print("\nLighthouse: not installed (cd pwa && npm ci): skipped")
        return True
    cookies = session_cookie(url)
    headers = {
        who: "; ".join(f"{c.name}={c.value}" for c in jar.jar)
        for who, jar in (("staff", cookies), ("admin", session_cookie(url, ADMIN)))
    }
    print("\nLighthouse 12 (mobile): accessibility (target 100), best practices (target ≥ 95)")
    ok = True
    for name, page_url, who in demo_pages(url, cookies):
        result = lighthouse(page_url, headers[who] if who else None)
        a11y = result["categories"]["accessibility"]["score"]
        practices = result["categories"]["best-practices"]["score"]
        within = a11y >= ACCESSIBILITY_TARGET and practices >= BEST_PRACTICES_TARGET
        ok &= within
        print(
            f"{name:<24} accessibility {a11y * 100:>5.0f}  best practices {practices * 100:>5.0f}"
            f"  {'ok' if within else 'BELOW'}"
        )
        for audit in failing_audits(result):
            print(f"    failing: {audit}")
    return ok


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench pwa", description=__doc__)
    parser.add_argument("--url", help="a running DXNet with the demo data (default: start one)")
    parser.add_argument("--runs", type=int, default=3, help="runs per visit (median)")
    parser.add_argument("--no-throttle", action="store_true", help="full speed (a smoke run)")
    parser.add_argument("--no-lighthouse", action="store_true", help="load times only")
    args = parser.parse_args(argv)
    if not (DIST / "index.html").is_file():
        print("pwa/dist is not built: cd pwa && npm ci && npm run build")
        return 2
    throttle = None if args.no_throttle else SLOW_3G

    def run(url: str) -> int:
        results = asyncio.run(measure(url, throttle, max(args.runs, 1)))
        ok = report_visits(results, throttle is not None)
        if not args.no_lighthouse:
            ok &= report_lighthouse(url)
        print("\nwithin budget" if ok else "\nOVER BUDGET")
        return 0 if ok else 1

    if args.url:
        return run(args.url.rstrip("/"))
    with demo_server() as url:
        return run(url)
