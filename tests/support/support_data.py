"""A small expert-support world for tests: two partners (VNPT, a bank), one commune
requester each side of the tree, partner accounts linked to their staff, default tags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accounts import services as accounts
from core.actor import Actor, Role
from network import members, organizations
from network.members import MemberData
from network.models import Member, Organization, OrganizationKind
from network.organizations import OrganizationData
from support import services
from support.models import ExpertiseTag, SupportOffer, SupportRequest
from support.seed import seed_tags
from tests.helpers import PASSWORD, actor_for

HOME = "32002"  # Phường An Xuyên
OTHER = "31843"  # Xã Hồng Dân
MAY = date(2026, 5, 4)


@dataclass
class World:
    tags: dict[str, ExpertiseTag]
    vnpt: Organization
    bank: Organization
    vnpt_expert: Member
    bank_expert: Member
    vnpt_partner: Actor
    bank_partner: Actor
    manager: Actor  # UNIT_MANAGER of HOME
    manager_other: Actor  # UNIT_MANAGER of OTHER


async def partner_user(system: Actor, username: str, member: Member) -> Actor:
    user = await accounts.create_user(
        system,
        username=username,
        password=PASSWORD,
        display_name=username,
        roles=[Role.PARTNER],
        scope_code="96",
        member_id=member.id,
    )
    return accounts.actor_for_user(user, await user.scope)


async def build(system: Actor) -> World:
    tags = await seed_tags()

    async def org(name: str, kind: OrganizationKind) -> Organization:
        return await organizations.create(
            system, data=OrganizationData(name=name, kind=kind, admin_unit_code="96")
        )

    vnpt = await org("VNPT Cà Mau", OrganizationKind.TELECOM_POSTAL)
    bank = await org("Ngân hàng Nhà nước chi nhánh Cà Mau", OrganizationKind.BANK)
    vnpt_expert = await members.create(
        system, data=MemberData(full_name="Lê Văn Kỹ", organization_id=vnpt.id, phone="0913000001")
    )
    bank_expert = await members.create(
        system,
        data=MemberData(full_name="Phạm Thu Ngân", organization_id=bank.id, phone="0913000002"),
    )
    return World(
        tags=tags,
        vnpt=vnpt,
        bank=bank,
        vnpt_expert=vnpt_expert,
        bank_expert=bank_expert,
        vnpt_partner=await partner_user(system, "doitac.vnpt", vnpt_expert),
        bank_partner=await partner_user(system, "doitac.nhnn", bank_expert),
        manager=await actor_for(system, Role.UNIT_MANAGER, HOME),
        manager_other=await actor_for(system, Role.UNIT_MANAGER, OTHER),
    )


async def offer(
    w: World,
    partner: Actor,
    *tag_names: str,
    capacity: int = 10,
    units: tuple[str, ...] = ("96",),
    title: str = "Hỗ trợ VNeID",
) -> SupportOffer:
    return await services.create_offer(
        partner,
        services.OfferData(
            title=title,
            tag_ids=[w.tags[n].id for n in tag_names or ("VNeID",)],
            capacity_person_days=capacity,
            served_unit_codes=list(units),
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
        ),
    )


async def request(
    w: World, *tag_names: str, days: int = 4, unit: str = HOME, actor: Actor | None = None
) -> SupportRequest:
    return await services.create_request(
        actor or w.manager,
        services.RequestData(
            admin_unit_code=unit,
            title="Kích hoạt VNeID cho người cao tuổi",
            need="Hai buổi tại nhà văn hóa khóm",
            tag_ids=[w.tags[n].id for n in tag_names or ("VNeID",)],
            starts_on=MAY,
            ends_on=date(2026, 5, 8),
            person_days=days,
            people_to_help=120,
        ),
    )
