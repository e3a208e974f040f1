"""One seeded database and one signed-in client per caller, shared by the whole security module.

Callers: anonymous, PROVINCE_ADMIN, UNIT_MANAGER in scope (of the first commune) and out of
scope (of the last commune), FIELD_STAFF, COMMITTEE_MEMBER, and partner keys with every read scope / with none that
a field needs (``read:pii`` only); then one partner key per read scope holding that scope alone
(``key_network``, ``key_surveys``, …), for the matrix.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from accounts import services as accounts
from activities import campaigns
from activities.campaigns import CampaignData
from api.app import create_app
from api.settings import Settings
from core.actor import Actor, ApiScope, Role
from core.clock import today_in_vietnam
from network.models import AdminUnit
from network.seed import seed_province
from tests.conftest import PROVINCE, _empty_tables
from tests.helpers import make_user
from tests.security.matrix import SCOPE_KEYS

BASE_CALLERS = (
    "anonymous",
    "admin",
    "manager_in",
    "manager_out",
    "field",
    "committee",
    "key_scoped",
    "key_unscoped",
)
CALLERS = BASE_CALLERS + tuple(SCOPE_KEYS)


@dataclass
class World:
    """The seeded callers and the units they are scoped to."""

    clients: dict[str, httpx.AsyncClient]
    home: str  # the commune in scope of manager_in / field / committee
    other: str  # the commune of manager_out
    app: Any = None  # the ASGI app, for callers a test adds
    campaign: int = 0  # a campaign of the home commune


@pytest.fixture(scope="module")
async def world(orm: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    original = accounts.THROTTLE
    accounts.THROTTLE = replace(original, delay_base_seconds=0.0)
    await _empty_tables()
    await seed_province(PROVINCE)
    tree = await AdminUnit.get(code=str(PROVINCE))
    communes = await AdminUnit.filter(parent_id=tree.id).order_by("code")
    home, other = communes[0].code, communes[-1].code
    system = Actor.system(tree.path, tree.code)
    roles = {
        "admin": (Role.PROVINCE_ADMIN, tree.code),
        "manager_in": (Role.UNIT_MANAGER, home),
        "manager_out": (Role.UNIT_MANAGER, other),
        "field": (Role.FIELD_STAFF, home),
        "committee": (Role.COMMITTEE_MEMBER, home),
    }
    for name, (role, scope) in roles.items():
        await make_user(system, f"matrix.{name}", role, scope)
    _, scoped = await accounts.create_api_key(
        system, name="matrix all scopes", scopes=[str(s) for s in ApiScope]
    )
    _, unscoped = await accounts.create_api_key(
        system, name="matrix pii only", scopes=[str(ApiScope.READ_PII)]
    )
    single: dict[str, str] = {}
    for caller, scope in SCOPE_KEYS.items():
        _, single[caller] = await accounts.create_api_key(
            system, name=f"matrix {scope} only", scopes=[scope]
        )
    today = today_in_vietnam()
    campaign = await campaigns.create(
        system,
        data=CampaignData(
            title="Chiến dịch ma trận",
            admin_unit_code=home,
            starts_on=today - timedelta(days=1),
            ends_on=today + timedelta(days=30),
        ),
    )
    var_dir: Path = tmp_path_factory.mktemp("security")
    settings = Settings(
        database_url=orm,
        env="test",
        secret_key="test-secret-key-" + "x" * 32,
        var_dir=var_dir,
        pwa_dist=var_dir / "no-pwa",
    )
    app = create_app(settings, manage_database=False)
    clients: dict[str, httpx.AsyncClient] = {}
    for index, name in enumerate(CALLERS):
        transport = httpx.ASGITransport(app=app, client=(f"203.0.113.{10 + index}", 50000))
        headers = {"content-type": "application/json"}
        if name == "key_scoped":
            headers["authorization"] = f"Bearer {scoped}"
        if name == "key_unscoped":
            headers["authorization"] = f"Bearer {unscoped}"
        if name in single:
            headers["authorization"] = f"Bearer {single[name]}"
        clients[name] = httpx.AsyncClient(
            transport=transport, base_url="http://testserver", headers=headers
        )
    from tests.helpers import login

    for name in roles:
        await login(clients[name], f"matrix.{name}")
    try:
        yield World(clients, home, other, app, campaign.id)
    finally:
        for http in clients.values():
            await http.aclose()
        accounts.THROTTLE = original
        await _empty_tables()
