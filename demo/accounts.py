"""Demo accounts for a newcomer to sign in with (development only)."""

from __future__ import annotations

from dataclasses import dataclass

from accounts import services as accounts
from accounts.models import User
from core.actor import Actor, ApiScope, Role
from core.text import fold
from network.models import AdminUnit, AdminUnitKind, Member

DEMO_PASSWORD = "dxnet-demo-2025"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    display_name: str
    role: Role
    scope: str


async def seed_demo_accounts(actor: Actor, root: AdminUnit) -> tuple[list[DemoLogin], str | None]:
    """Create the demo users (idempotent) and, the first time, a demo partner key."""
    ward = (
        await AdminUnit.filter(parent_id=root.id, kind=AdminUnitKind.WARD).order_by("code").first()
    )
    commune = (
        await AdminUnit.filter(parent_id=root.id, kind=AdminUnitKind.COMMUNE)
        .order_by("code")
        .first()
    )
    assert ward is not None and commune is not None, "seed the province first"
    people = [
        ("admin", "Trần Thị Thu Hà", Role.PROVINCE_ADMIN, root),
        ("hoidong", "Phạm Minh Tuấn", Role.COMMITTEE_MEMBER, root),
        (f"quanly.{ward.code}", "Nguyễn Văn Phúc", Role.UNIT_MANAGER, ward),
        (f"canbo.{ward.code}", "Lê Thị Mỹ Linh", Role.FIELD_STAFF, ward),
        (f"quanly.{commune.code}", "Huỳnh Thanh Tâm", Role.UNIT_MANAGER, commune),
        (f"canbo.{commune.code}", "Đặng Quốc Khánh", Role.FIELD_STAFF, commune),
    ]
    logins: list[DemoLogin] = []
    for username, name, role, unit in people:
        if not await User.exists(username=username):
            await accounts.create_user(
                actor,
                username=username,
                password=DEMO_PASSWORD,
                display_name=name,
                roles=[role],
                scope_code=unit.code,
            )
        logins.append(DemoLogin(username, name, role, unit.name))
    await _link_demo_members(people)
    partner_key = None
    if not await accounts.get_api_keys(actor).filter(name="VNPT Cà Mau (demo)").exists():
        _key, partner_key = await accounts.create_api_key(
            actor, name="VNPT Cà Mau (demo)", scopes=[ApiScope.READ_NETWORK]
        )
    return logins, partner_key


async def _link_demo_members(people: list[tuple[str, str, Role, AdminUnit]]) -> None:
    """Link each demo user to the member of the same name in their unit, when the demo
    Network (demo.network, which places these people) has been seeded."""
    for username, name, _role, unit in people:
        member = await Member.filter(name_folded=fold(name), unit_path=unit.path).first()
        if member is not None:
            await User.filter(username=username, member_id=None).update(member_id=member.id)
