"""Demo data of expert support: offers from the real partner kinds of the province (VNPT,
Viettel, the post office, the State Bank branch, the Business Association), requests from
wards and communes, and engagements at every stage (proposed, declined, accepted,
delivered, rated by one side or both); a partner login for each. Safe to run again: nothing is
added once the demo offers exist (the logins are reported either way)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from accounts import services as accounts
from accounts.models import User
from core.actor import Actor, Role
from core.clock import today_in_vietnam
from demo.accounts import DEMO_PASSWORD, DemoLogin
from network.models import AdminUnit, Member, Organization
from support import engagements, services
from support.engagements import Delivery
from support.models import SupportOffer
from support.seed import seed_tags


@dataclass(frozen=True)
class DemoSupport:
    offers: int
    requests: int
    engagements: int
    logins: list[DemoLogin]


# (name starts with, offer title, tags, capacity person-days a month, description)
OFFERS = (
    ("VNPT", "Hỗ trợ kích hoạt VNeID mức 2 và dịch vụ công trực tuyến",
     ("VNeID", "Dịch vụ công trực tuyến", "Chữ ký số"), 20,
     "Cử kỹ thuật viên đến xã hướng dẫn người dân kích hoạt VNeID, nộp hồ sơ trực tuyến, cấp chữ ký số."),
    ("Viettel", "Hạ tầng mạng và an toàn thông tin cho xã, phường",
     ("Hạ tầng mạng", "An toàn thông tin", "Dữ liệu"), 12,
     "Khảo sát, lắp đặt wifi điểm công cộng, rà soát an toàn thông tin máy tính một cửa."),
    ("Bưu điện tỉnh", "Bưu điện hỗ trợ dịch vụ công và thương mại điện tử",
     ("Dịch vụ công trực tuyến", "Thương mại điện tử"), 15,
     "Nhân viên bưu điện văn hóa xã hướng dẫn nộp hồ sơ, đưa nông sản lên sàn Postmart."),
    ("Ngân hàng Nhà nước", "Thanh toán không dùng tiền mặt tại chợ và trường học",
     ("Thanh toán không dùng tiền mặt", "An toàn thông tin"), 8,
     "Phối hợp ngân hàng thương mại mở tài khoản, mã QR cho tiểu thương, cảnh báo lừa đảo."),
    ("Hiệp hội Doanh nghiệp", "Doanh nghiệp công nghệ đào tạo kỹ năng số",
     ("Đào tạo kỹ năng số", "Thương mại điện tử", "Dữ liệu"), 10,
     "Giảng viên từ doanh nghiệp phần mềm đào tạo kỹ năng số cho tổ công nghệ số cộng đồng."),
)  # fmt: skip

# (title, tags, person-days, people to help, stage)
REQUESTS: tuple[tuple[str, tuple[str, ...], int, int, str], ...] = (
    ("Kích hoạt VNeID cho người cao tuổi", ("VNeID",), 4, 150, "rated"),
    ("Chợ không dùng tiền mặt", ("Thanh toán không dùng tiền mặt",), 3, 80, "delivered"),
    ("Wifi miễn phí tại nhà văn hóa ấp", ("Hạ tầng mạng",), 2, 0, "accepted"),
    ("Hướng dẫn nộp hồ sơ trực tuyến tại Bộ phận một cửa", ("Dịch vụ công trực tuyến",), 3, 60, "proposed"),
    ("Tập huấn kỹ năng số cho tổ công nghệ số", ("Đào tạo kỹ năng số",), 2, 40, "declined"),
    ("Rà soát an toàn thông tin máy tính một cửa", ("An toàn thông tin",), 1, 0, "open"),
)  # fmt: skip

PARTNER_LOGINS = (
    ("doitac.vnpt", "VNPT"),
    ("doitac.viettel", "Viettel"),
    ("doitac.buudien", "Bưu điện tỉnh"),
    ("doitac.nhnn", "Ngân hàng Nhà nước"),
    ("doitac.hiephoi", "Hiệp hội Doanh nghiệp"),
)


async def _partner_logins(actor: Actor, orgs: dict[str, Organization]) -> list[DemoLogin]:
    logins = []
    for username, prefix in PARTNER_LOGINS:
        org = orgs.get(prefix)
        member = await Member.filter(organization_id=org.id).order_by("id").first() if org else None
        if org is None or member is None:
            continue
        if not await User.exists(username=username):
            await accounts.create_user(
                actor,
                username=username,
                password=DEMO_PASSWORD,
                display_name=member.full_name,
                roles=[Role.PARTNER],
                scope_code=actor.scope_code or "",
                member_id=member.id,
            )
        logins.append(DemoLogin(username, member.full_name, Role.PARTNER, org.name))
    return logins


async def _partner_actor(org: Organization) -> Actor:
    """A partner actor of ``org`` (its demo login, or a new one for its first member)."""
    member = await Member.filter(organization_id=org.id).order_by("id").first()
    user = await User.filter(member_id=member.id if member else -1).first()
    if user is None:
        raise LookupError(org.name)
    return accounts.actor_for_user(user, await user.scope)


async def seed_demo_support(actor: Actor, root: AdminUnit) -> DemoSupport:
    tags = await seed_tags()
    orgs: dict[str, Organization] = {}
    for prefix, *_ in OFFERS:
        org = await Organization.filter(name__startswith=prefix).order_by("id").first()
        if org is not None:
            orgs[prefix] = org
    logins = await _partner_logins(actor, orgs)
    if await SupportOffer.exists() or len(orgs) < len(OFFERS):
        return DemoSupport(0, 0, 0, logins)
    today = today_in_vietnam()
    offers = {}
    for prefix, title, tag_names, capacity, description in OFFERS:
        org = orgs[prefix]
        experts = await Member.filter(organization_id=org.id).order_by("id").limit(2)
        offers[prefix] = await services.create_offer(
            actor,
            services.OfferData(
                title=title,
                description=description,
                tag_ids=[tags[t].id for t in tag_names],
                capacity_person_days=capacity,
                served_unit_codes=[root.code],
                starts_on=date(today.year, 1, 1),
                ends_on=date(today.year + 1, 12, 31),
                expert_ids=[m.id for m in experts],
                organization_id=org.id,
            ),
        )
    units = await AdminUnit.filter(parent_id=root.id).order_by("code").limit(len(REQUESTS))
    made = 0
    for (title, wanted, days, people, stage), unit in zip(REQUESTS, units, strict=False):
        request = await services.create_request(
            actor,
            services.RequestData(
                admin_unit_code=unit.code,
                title=title,
                need=f"{title} tại {unit.name}.",
                tag_ids=[tags[t].id for t in wanted],
                starts_on=today + timedelta(days=3),
                ends_on=today + timedelta(days=10),
                person_days=days,
                people_to_help=people,
            ),
        )
        if stage == "open":
            continue
        best = await _best_offer(actor, request.id)
        engagement = await engagements.propose(actor, request_id=request.id, offer_id=best.id)
        made += 1
        if stage == "proposed":
            continue
        partner = await _partner_actor(await Organization.get(id=best.organization_id))
        if stage == "declined":
            await engagements.decline(partner, engagement_id=engagement.id)
            continue
        await engagements.accept(partner, engagement_id=engagement.id)
        if stage == "accepted":
            continue
        delivery = Delivery(
            hours=8 * days, person_days=days, people_helped=people - 12, notes="Hoàn thành."
        )
        await engagements.record_delivery(partner, engagement_id=engagement.id, delivery=delivery)
        await engagements.rate(actor, engagement_id=engagement.id, rating=5, comment="Rất hữu ích")
        if stage == "rated":
            await engagements.rate(partner, engagement_id=engagement.id, rating=4)
    return DemoSupport(len(offers), len(units), made, logins)


async def _best_offer(actor: Actor, request_id: int) -> SupportOffer:
    from support.matching import matches

    return (await matches(actor, request_id))[0].offer
