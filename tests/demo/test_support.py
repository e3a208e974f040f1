"""The expert-support demo: an offer per partner kind, engagements at every stage, a
partner login per partner; safe to run twice."""

from __future__ import annotations

from core.actor import Actor, Role
from demo.support import OFFERS, seed_demo_support
from network import members, organizations
from network.members import MemberData
from network.models import AdminUnit, OrganizationKind
from network.organizations import OrganizationData
from support.models import SupportEngagement, SupportOffer, SupportRequest

KINDS = {
    "VNPT": OrganizationKind.TELECOM_POSTAL,
    "Viettel": OrganizationKind.TELECOM_POSTAL,
    "Bưu điện tỉnh": OrganizationKind.TELECOM_POSTAL,
    "Ngân hàng Nhà nước": OrganizationKind.BANK,
    "Hiệp hội Doanh nghiệp": OrganizationKind.BUSINESS_ASSOCIATION,
}


async def test_demo_support_covers_every_stage(system: Actor, tree: AdminUnit) -> None:
    assert (await seed_demo_support(system, tree)).offers == 0  # no partners yet
    for i, (prefix, *_) in enumerate(OFFERS):
        org = await organizations.create(
            system,
            data=OrganizationData(
                name=f"{prefix} Cà Mau", kind=KINDS[prefix], admin_unit_code="96"
            ),
        )
        await members.create(
            system,
            data=MemberData(
                full_name=f"Chuyên gia {i}", organization_id=org.id, phone=f"09140000{i:02}"
            ),
        )
    first = await seed_demo_support(system, tree)
    again = await seed_demo_support(system, tree)
    assert (first.offers, first.requests, first.engagements) == (5, 6, 5)
    assert (again.offers, again.engagements) == (0, 0) and again.logins == first.logins
    assert {login.role for login in first.logins} == {Role.PARTNER} and len(first.logins) == 5
    assert await SupportOffer.all().count() == 5
    assert sorted(await SupportEngagement.all().values_list("status", flat=True)) == [
        "ACCEPTED",
        "DECLINED",
        "DELIVERED",
        "DELIVERED",
        "PROPOSED",
    ]
    both = await SupportEngagement.filter(
        requester_rating__isnull=False, partner_rating__isnull=False
    ).count()
    assert both == 1
    assert await SupportRequest.filter(status="OPEN").count() == 3  # open, proposed, declined
