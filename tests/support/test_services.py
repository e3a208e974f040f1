"""Expert support services: validation that changes nothing, scope, the engagement's
life, capacity, one acceptance per request (also under 20 concurrent accepts), matching
with its reasons, partner isolation, figures and the audit trail."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import UTC, date
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from accounts import services as accounts
from core.actor import Actor, Role
from core.errors import DomainError, ValidationFailed
from core.models import AuditEvent
from network import members as registry
from network.models import AdminUnit, OrganizationKind
from network.organizations import OrganizationData
from network.organizations import create as create_org
from support import engagements, figures, matching, services
from support.engagements import Delivery
from support.models import (
    EngagementStatus,
    RequestStatus,
    SupportEngagement,
    SupportOffer,
    SupportRequest,
)
from tests.conftest import BACKEND
from tests.helpers import PASSWORD
from tests.support.support_data import HOME, OTHER, World, build, offer, request


async def codes(work: Awaitable[Any]) -> list[str]:
    """The codes ``work`` fails with (every field error of a ValidationFailed)."""
    with pytest.raises(DomainError) as caught:
        await work
    error = caught.value
    return [e.code for e in error.errors] if isinstance(error, ValidationFailed) else [error.code]


@pytest.fixture
async def w(tree: AdminUnit, system: Actor) -> World:
    return await build(system)


async def test_bad_offers_are_refused_and_change_nothing(w: World, system: Actor) -> None:
    bad = services.OfferData(
        title="",
        tag_ids=[999999],
        capacity_person_days=0,
        served_unit_codes=["nope"],
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 5, 1),
        expert_ids=[w.bank_expert.id],  # another partner's staff
    )
    assert sorted(await codes(services.create_offer(w.vnpt_partner, bad))) == [
        "ADMIN_UNIT_NOT_FOUND",
        "DATES_OUT_OF_ORDER",
        "EXPERT_NOT_IN_ORGANIZATION",
        "INVALID_LENGTH",
        "NUMBER_OUT_OF_RANGE",
        "TAG_NOT_FOUND",
    ]
    other = services.OfferData(
        title="x",
        tag_ids=[w.tags["VNeID"].id],
        capacity_person_days=5,
        served_unit_codes=["96"],
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 2, 1),
        organization_id=w.bank.id,
    )
    assert await codes(services.create_offer(w.vnpt_partner, other)) == ["FORBIDDEN"]
    committee = await create_org(
        system,
        data=OrganizationData(
            name="UBND Phường An Xuyên",
            kind=OrganizationKind.PEOPLES_COMMITTEE,
            admin_unit_code=HOME,
        ),
    )
    from dataclasses import replace

    by_office = replace(other, organization_id=committee.id)
    assert await codes(services.create_offer(system, by_office)) == ["NOT_A_PARTNER_ORGANIZATION"]
    assert await codes(services.create_offer(w.manager, by_office)) == ["FORBIDDEN"]
    assert await SupportOffer.all().count() == 0
    assert await AuditEvent.filter(action="support_offer.create").count() == 0


async def test_a_partner_changes_its_own_offer_and_no_other(w: World, system: Actor) -> None:
    mine = await offer(w, w.vnpt_partner, capacity=10)
    theirs = await offer(w, w.bank_partner)
    from dataclasses import replace

    change = services.OfferData(
        title="Hỗ trợ VNeID và dịch vụ công",
        tag_ids=[w.tags["VNeID"].id],
        capacity_person_days=20,
        served_unit_codes=[HOME],
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 11, 30),
        expert_ids=[w.vnpt_expert.id],
    )
    changed = await services.update_offer(w.vnpt_partner, offer_id=mine.id, data=change)
    assert (changed.title, changed.capacity_person_days, changed.served_unit_codes) == (
        "Hỗ trợ VNeID và dịch vụ công",
        20,
        [HOME],
    )
    assert changed.expert_ids == [w.vnpt_expert.id]
    assert await AuditEvent.filter(action="support_offer.update").count() == 1
    # another partner's offer is not found; bad input changes nothing
    assert await codes(services.update_offer(w.vnpt_partner, offer_id=theirs.id, data=change)) == [
        "OFFER_NOT_FOUND"
    ]
    bad = replace(change, ends_on=date(2026, 1, 1), expert_ids=[w.bank_expert.id])
    assert sorted(
        await codes(services.update_offer(w.vnpt_partner, offer_id=mine.id, data=bad))
    ) == [
        "DATES_OUT_OF_ORDER",
        "EXPERT_NOT_IN_ORGANIZATION",
    ]
    assert (await SupportOffer.get(id=mine.id)).ends_on == date(2026, 11, 30)
    assert await codes(services.update_offer(w.manager, offer_id=mine.id, data=change)) == [
        "FORBIDDEN"
    ]
    # the office may change any partner's offer
    await services.update_offer(system, offer_id=theirs.id, data=replace(change, expert_ids=[]))


async def test_a_partner_lists_its_own_members_as_experts(w: World, system: Actor) -> None:
    assert [m.id for m in await services.experts(w.vnpt_partner)] == [w.vnpt_expert.id]
    assert [m.id for m in await services.experts(system, organization_id=w.bank.id)] == [
        w.bank_expert.id
    ]
    assert await codes(services.experts(w.vnpt_partner, organization_id=w.bank.id)) == ["FORBIDDEN"]
    assert await codes(services.experts(w.manager)) == ["FORBIDDEN"]


async def test_a_request_outside_the_requesters_scope_is_refused(w: World) -> None:
    with pytest.raises(DomainError) as caught:
        await request(w, unit=OTHER)  # w.manager manages HOME only
    assert caught.value.code == "OUT_OF_SCOPE"
    assert await codes(request(w, actor=w.vnpt_partner)) == ["FORBIDDEN"]
    assert await SupportRequest.all().count() == 0


async def test_propose_accept_deliver_and_rate_both_sides(w: World) -> None:
    o = await offer(w, w.vnpt_partner, "VNeID", "Dữ liệu")
    r = await request(w)
    e = await engagements.propose(w.manager, request_id=r.id, offer_id=o.id)
    assert await codes(engagements.propose(w.manager, request_id=r.id, offer_id=o.id)) == [
        "ALREADY_PROPOSED"
    ]
    assert await codes(engagements.accept(w.manager, engagement_id=e.id)) == ["FORBIDDEN"]
    accepted = await engagements.accept(w.vnpt_partner, engagement_id=e.id)
    assert accepted.status == EngagementStatus.ACCEPTED
    assert accepted.accepted_request_id == r.id
    assert (await SupportRequest.get(id=r.id)).status == RequestStatus.MATCHED
    assert await codes(engagements.rate(w.manager, engagement_id=e.id, rating=5)) == [
        "ILLEGAL_ENGAGEMENT_TRANSITION"
    ]
    delivery = Delivery(hours=16, person_days=2.5, people_helped=87, notes="Kích hoạt 87 tài khoản")
    done = await engagements.record_delivery(w.vnpt_partner, engagement_id=e.id, delivery=delivery)
    assert (done.status, done.people_helped, done.person_days_delivered) == (
        EngagementStatus.DELIVERED,
        87,
        2.5,
    )
    assert (await SupportRequest.get(id=r.id)).status == RequestStatus.DELIVERED
    assert await codes(engagements.rate(w.manager, engagement_id=e.id, rating=6)) == [
        "RATING_OUT_OF_RANGE"
    ]
    await engagements.rate(w.manager, engagement_id=e.id, rating=5, comment="Rất tốt")
    await engagements.rate(w.vnpt_partner, engagement_id=e.id, rating=4)
    assert await codes(engagements.rate(w.manager, engagement_id=e.id, rating=1)) == [
        "ALREADY_RATED"
    ]
    row = await SupportEngagement.get(id=e.id)
    assert (row.requester_rating, row.requester_comment, row.partner_rating) == (5, "Rất tốt", 4)
    # The other commune's manager can neither rate nor log it.
    assert await codes(engagements.rate(w.manager_other, engagement_id=e.id, rating=1)) == [
        "OUT_OF_SCOPE"
    ]
    actions = sorted(
        await AuditEvent.filter(object_type="SupportEngagement").values_list("action", flat=True)
    )
    assert actions == [
        "support_engagement.accept",
        "support_engagement.deliver",
        "support_engagement.propose",
        "support_engagement.rate",
        "support_engagement.rate",
    ]


async def test_an_offer_must_serve_the_requests_place_and_tags(w: World) -> None:
    elsewhere = await offer(w, w.vnpt_partner, "VNeID", units=(OTHER,))
    other_tag = await offer(w, w.vnpt_partner, "Chữ ký số")
    r = await request(w)
    for o in (elsewhere, other_tag):
        assert await codes(engagements.propose(w.manager, request_id=r.id, offer_id=o.id)) == [
            "OFFER_DOES_NOT_SERVE_REQUEST"
        ]
    assert await SupportEngagement.all().count() == 0


async def test_accepting_beyond_capacity_is_refused_and_changes_nothing(w: World) -> None:
    o = await offer(w, w.vnpt_partner, capacity=5)
    first = await request(w, days=4)
    second = await request(w, days=3)
    e1 = await engagements.propose(w.manager, request_id=first.id, offer_id=o.id)
    e2 = await engagements.propose(w.manager, request_id=second.id, offer_id=o.id)
    await engagements.accept(w.vnpt_partner, engagement_id=e1.id)
    with pytest.raises(DomainError) as caught:
        await engagements.accept(w.vnpt_partner, engagement_id=e2.id)
    assert caught.value.code == "PARTNER_OVER_CAPACITY"
    assert caught.value.params == {"left": 1, "asked": 3, "period": "2026-05"}
    assert (await SupportEngagement.get(id=e2.id)).status == EngagementStatus.PROPOSED
    assert (await SupportRequest.get(id=second.id)).status == RequestStatus.OPEN
    # Declining frees nothing and is final.
    await engagements.decline(w.vnpt_partner, engagement_id=e2.id)
    assert await codes(engagements.accept(w.vnpt_partner, engagement_id=e2.id)) == [
        "ILLEGAL_ENGAGEMENT_TRANSITION"
    ]


async def test_a_second_acceptance_of_the_same_request_is_refused(w: World) -> None:
    r = await request(w)
    mine = await engagements.propose(
        w.manager, request_id=r.id, offer_id=(await offer(w, w.vnpt_partner)).id
    )
    theirs = await engagements.propose(
        w.manager, request_id=r.id, offer_id=(await offer(w, w.bank_partner)).id
    )
    await engagements.accept(w.vnpt_partner, engagement_id=mine.id)
    assert await codes(engagements.accept(w.bank_partner, engagement_id=theirs.id)) == [
        "REQUEST_ALREADY_ACCEPTED"
    ]
    assert (await SupportEngagement.get(id=theirs.id)).status == EngagementStatus.PROPOSED
    # A request matched is no longer open to proposals.
    third = await offer(w, w.bank_partner, title="Khác")
    assert await codes(engagements.propose(w.manager, request_id=r.id, offer_id=third.id)) == [
        "REQUEST_NOT_OPEN"
    ]


async def _twenty_accepts(w: World) -> tuple[SupportRequest, list[str]]:
    r = await request(w)
    proposed = []
    for i in range(20):
        o = await offer(w, w.vnpt_partner, title=f"Gói {i}")
        proposed.append(await engagements.propose(w.manager, request_id=r.id, offer_id=o.id))

    async def attempt(e: SupportEngagement) -> str:
        try:
            async with in_transaction():
                await engagements.accept(w.vnpt_partner, engagement_id=e.id)
            return "accepted"
        except DomainError as error:
            return error.code

    return r, list(await asyncio.gather(*(attempt(e) for e in proposed)))


async def test_twenty_concurrent_accepts_of_one_request_leave_exactly_one(w: World) -> None:
    r, outcomes = await _twenty_accepts(w)
    assert sorted(outcomes) == ["REQUEST_ALREADY_ACCEPTED"] * 19 + ["accepted"], BACKEND
    assert await SupportEngagement.filter(request_id=r.id, status="ACCEPTED").count() == 1
    assert await AuditEvent.filter(action="support_engagement.accept").count() == 1


async def test_the_unique_constraint_alone_keeps_one_acceptance(
    w: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the "already accepted?" pre-check disabled, all 20 race to the UPDATE."""
    real = SupportEngagement.exists

    async def never_accepted(*args: Any, **kwargs: Any) -> bool:
        if "accepted_request_id" in kwargs:
            return False
        return await real(*args, **kwargs)

    monkeypatch.setattr(SupportEngagement, "exists", never_accepted)
    r, outcomes = await _twenty_accepts(w)
    monkeypatch.undo()
    assert sorted(outcomes) == ["REQUEST_ALREADY_ACCEPTED"] * 19 + ["accepted"]
    assert await SupportEngagement.filter(request_id=r.id, status="ACCEPTED").count() == 1


async def test_matches_are_ranked_with_their_reasons(w: World, count_queries: Any) -> None:
    full = await offer(w, w.vnpt_partner, "VNeID", "Dữ liệu", capacity=10)
    partial = await offer(w, w.bank_partner, "VNeID", capacity=2)
    far = await offer(w, w.bank_partner, "Dữ liệu", units=(OTHER,), title="Xa")
    await offer(w, w.bank_partner, "Chữ ký số", title="Không liên quan")
    r = await request(w, "VNeID", "Dữ liệu", days=4)
    count_queries.queries.clear()
    found = await matching.matches(w.manager, r.id)
    assert len(count_queries) == 6, count_queries.queries
    assert [m.offer.id for m in found] == [full.id, partial.id, far.id]
    best = found[0]
    assert (best.tags_covered, best.serves_area, best.capacity_left, best.enough_capacity) == (
        ["VNeID", "Dữ liệu"],
        True,
        10,
        True,
    )
    assert (found[1].tags_missing, found[1].enough_capacity) == (["Dữ liệu"], False)
    assert found[2].serves_area is False
    assert best.score == 50 + 30 + 10 + 6
    assert await codes(matching.matches(w.vnpt_partner, r.id)) == ["FORBIDDEN"]
    with pytest.raises(DomainError):
        await matching.matches(w.manager_other, r.id)


async def test_partners_see_only_their_own(w: World, system: Actor) -> None:
    vnpt_offer = await offer(w, w.vnpt_partner, "VNeID", units=(HOME,))
    bank_offer = await offer(w, w.bank_partner, "Thanh toán không dùng tiền mặt")
    served = await request(w, "VNeID")
    unserved_place = await request(w, "VNeID", unit=OTHER, actor=w.manager_other)
    await request(w, "Chữ ký số")  # no shared tag
    e = await engagements.propose(w.manager, request_id=served.id, offer_id=vnpt_offer.id)

    assert [o.id for o in await (await services.offers(w.vnpt_partner))] == [vnpt_offer.id]
    assert [o.id for o in await (await services.offers(w.bank_partner))] == [bank_offer.id]
    assert [r.id for r in await (await services.requests(w.vnpt_partner))] == [served.id]
    assert await (await services.requests(w.bank_partner)) == []
    assert [x.id for x in await (await engagements.engagements(w.vnpt_partner))] == [e.id]
    assert await (await engagements.engagements(w.bank_partner)) == []
    assert await codes(engagements.accept(w.bank_partner, engagement_id=e.id)) == [
        "ENGAGEMENT_NOT_FOUND"
    ]
    assert await codes(services.get_request(w.bank_partner, unserved_place.id)) == [
        "SUPPORT_REQUEST_NOT_FOUND"
    ]
    # No admin-unit scope: the registry shows a partner nothing, not even their colleague.
    assert await registry.get_all(w.vnpt_partner).count() == 0
    assert await codes(registry.get(w.vnpt_partner, member_id=w.bank_expert.id)) == [
        "MEMBER_NOT_FOUND"
    ]
    # Staff see every offer but only their subtree's requests.
    assert len(await (await services.offers(w.manager))) == 2
    assert len(await (await services.requests(w.manager_other))) == 1


async def test_a_partner_account_is_only_a_partner_and_names_its_member(
    w: World, system: Actor
) -> None:
    for roles, member in (
        ([Role.PARTNER], None),
        ([Role.PARTNER, Role.FIELD_STAFF], w.vnpt_expert.id),
    ):
        refused = accounts.create_user(
            system,
            username="doitac.moi",
            password=PASSWORD,
            display_name="Đối tác",
            roles=roles,
            scope_code="96",
            member_id=member,
        )
        assert await codes(refused) == ["PARTNER_NEEDS_MEMBER"]
    assert w.vnpt_partner.scope_path is None and w.vnpt_partner.roles == {Role.PARTNER}


async def test_figures_per_unit_and_per_partner(w: World, system: Actor) -> None:
    o = await offer(w, w.vnpt_partner)
    r = await request(w)
    await request(w)  # still open
    e = await engagements.propose(w.manager, request_id=r.id, offer_id=o.id)
    await engagements.accept(w.vnpt_partner, engagement_id=e.id)
    await engagements.record_delivery(
        w.vnpt_partner,
        engagement_id=e.id,
        delivery=Delivery(hours=8, person_days=1.5, people_helped=40),
    )
    await engagements.rate(w.manager, engagement_id=e.id, rating=4)
    result = await figures.figures(system, admin_unit_code="96")
    assert (result.total.requests, result.total.requests_met) == (2, 1)
    assert result.total.person_days_delivered == 1.5
    assert result.total.average_rating == 4
    assert result.total.average_hours_to_match is not None
    [home] = result.by_unit
    assert (home.key, home.requests, home.requests_met, home.people_helped) == (HOME, 2, 1, 40)
    [partner] = result.by_partner
    assert (partner.name, partner.person_days_delivered) == ("VNPT Cà Mau", 1.5)
    assert partner.average_hours_to_match is not None
    assert await codes(figures.figures(w.manager, admin_unit_code=OTHER)) == ["OUT_OF_SCOPE"]
    assert await codes(figures.figures(w.vnpt_partner, admin_unit_code="96")) == ["FORBIDDEN"]


async def test_person_days_delivered_per_child_unit_for_the_emulation_score(
    w: World, tree: AdminUnit, count_queries: Any
) -> None:
    """Decision 0031: person-days delivered in each child unit's subtree in the period."""
    o = await offer(w, w.vnpt_partner, capacity=50)
    for days in (2.5, 1.0):
        r = await request(w)
        e = await engagements.propose(w.manager, request_id=r.id, offer_id=o.id)
        await engagements.accept(w.vnpt_partner, engagement_id=e.id)
        await engagements.record_delivery(
            w.vnpt_partner,
            engagement_id=e.id,
            delivery=Delivery(hours=8, person_days=days, people_helped=10),
        )
    from datetime import datetime, timedelta

    now = datetime.now(UTC)
    count_queries.queries.clear()
    found = await figures.person_days_by_child(
        tree, start=now - timedelta(days=1), end=now + timedelta(days=1)
    )
    assert len(count_queries) == 1
    assert found == {HOME: 3.5}
    assert (
        await figures.person_days_by_child(
            tree, start=now + timedelta(days=1), end=now + timedelta(days=2)
        )
        == {}
    )
