"""Expert support over GraphQL: the whole life of an engagement with payload errors in the
caller's language, partner isolation (no registry data), partner keys' read:support scope,
and query counts that do not grow with the page."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from strawberry.relay import to_base64

from accounts import services as accounts
from core.actor import Actor
from network.models import AdminUnit
from support import engagements
from support.models import SupportEngagement
from tests.helpers import gql, login
from tests.support.support_data import HOME, OTHER, World, build, offer, request

OFFERS = """
query($first: Int) { supportOffers(first: $first) { totalCount edges { node {
  id title capacityPersonDays partner { name kind } tags { name } experts { fullName }
  servedUnits { code name } } } } }
"""
REQUESTS = """
query($first: Int) { supportRequests(first: $first) { edges { node {
  id title status adminUnit { code } tags { name } } } } }
"""
ENGAGEMENTS = """
query($first: Int) { supportEngagements(first: $first) { edges { node {
  id status request { title tags { name } adminUnit { name } } offer { title partner { name } } } } } }
"""
CREATE_REQUEST = """
mutation($input: CreateSupportRequestInput!) { createSupportRequest(input: $input) {
  request { id status } errors { field code message } } }
"""
CREATE_OFFER = """
mutation($input: CreateSupportOfferInput!) { createSupportOffer(input: $input) {
  offer { id partner { name } experts { fullName } } errors { field code message } } }
"""
MATCHES = """
query($id: ID!) { supportMatches(requestId: $id) {
  score tagsCovered servesArea capacityLeft enoughCapacity offer { id title } } }
"""
PROPOSE = """
mutation($input: ProposeEngagementInput!) { proposeEngagement(input: $input) {
  engagement { id status } errors { field code message } } }
"""
ACCEPT = """
mutation($input: EngagementIdInput!) { acceptEngagement(input: $input) {
  engagement { id status } errors { field code message } } }
"""
DELIVER = """
mutation($input: RecordEngagementDeliveryInput!) { recordEngagementDelivery(input: $input) {
  engagement { status peopleHelped personDaysDelivered } errors { field code message } } }
"""
RATE = """
mutation($input: RateEngagementInput!) { rateEngagement(input: $input) {
  engagement { requesterRating partnerRating } errors { field code message } } }
"""
FIGURES = """
query { supportFigures(adminUnitCode: "96") { total { requests requestsMet averageRating }
  byPartner { name personDaysDelivered } } }
"""
EN = {"accept-language": "en"}


def gid(type_name: str, pk: int) -> str:
    return to_base64(type_name, pk)


@pytest.fixture
async def w(tree: AdminUnit, system: Actor) -> World:
    return await build(system)


async def test_request_match_propose_accept_deliver_rate(
    client: httpx.AsyncClient, w: World
) -> None:
    vnpt = await offer(w, w.vnpt_partner, "VNeID", capacity=10, title="VNPT hỗ trợ VNeID")
    bank = await offer(w, w.bank_partner, "VNeID", capacity=10, title="NHNN hỗ trợ")
    await login(client, "unit_manager." + HOME)
    base = {
        "title": "Kích hoạt VNeID",
        "tagIds": [w.tags["VNeID"].id],
        "startsOn": "2026-05-04",
        "endsOn": "2026-05-08",
        "personDays": 4,
        "peopleToHelp": 120,
    }
    outside = await gql(client, CREATE_REQUEST, {"input": {**base, "adminUnitCode": OTHER}})
    [error] = outside["data"]["createSupportRequest"]["errors"]
    assert (error["code"], error["field"]) == ("OUT_OF_SCOPE", "adminUnitCode")
    bad = await gql(
        client,
        CREATE_REQUEST,
        {"input": {**base, "adminUnitCode": HOME, "endsOn": "2026-05-01"}},
        headers=EN,
    )
    [error] = bad["data"]["createSupportRequest"]["errors"]
    assert error == {
        "field": "endsOn",
        "code": "DATES_OUT_OF_ORDER",
        "message": "The end date must be on or after the start date.",
    }
    made = await gql(client, CREATE_REQUEST, {"input": {**base, "adminUnitCode": HOME}})
    request_id = made["data"]["createSupportRequest"]["request"]["id"]
    matches = (await gql(client, MATCHES, {"id": request_id}))["data"]["supportMatches"]
    assert {m["offer"]["title"] for m in matches} == {"VNPT hỗ trợ VNeID", "NHNN hỗ trợ"}
    assert matches[0]["tagsCovered"] == ["VNeID"] and matches[0]["servesArea"]
    ids = {}
    for o in (vnpt, bank):
        proposed = await gql(
            client,
            PROPOSE,
            {"input": {"requestId": request_id, "offerId": gid("SupportOffer", o.id)}},
        )
        ids[o.id] = proposed["data"]["proposeEngagement"]["engagement"]["id"]

    await login(client, "doitac.vnpt")
    accepted = await gql(client, ACCEPT, {"input": {"id": ids[vnpt.id]}})
    assert accepted["data"]["acceptEngagement"]["engagement"]["status"] == "ACCEPTED"
    await login(client, "doitac.nhnn")
    second = await gql(client, ACCEPT, {"input": {"id": ids[bank.id]}}, headers=EN)
    [error] = second["data"]["acceptEngagement"]["errors"]
    assert error["code"] == "REQUEST_ALREADY_ACCEPTED"
    assert error["message"] == "This request has already been accepted by a partner."
    vi = await gql(client, ACCEPT, {"input": {"id": ids[bank.id]}})
    assert vi["data"]["acceptEngagement"]["errors"][0]["message"].startswith("Yêu cầu này")

    await login(client, "doitac.vnpt")
    delivery = {"id": ids[vnpt.id], "hours": 16, "personDays": 2, "peopleHelped": 90}
    done = await gql(client, DELIVER, {"input": delivery})
    assert done["data"]["recordEngagementDelivery"]["engagement"] == {
        "status": "DELIVERED",
        "peopleHelped": 90,
        "personDaysDelivered": 2.0,
    }
    rated = await gql(client, RATE, {"input": {"id": ids[vnpt.id], "rating": 4}})
    assert rated["data"]["rateEngagement"]["engagement"]["partnerRating"] == 4
    await login(client, "unit_manager." + HOME)
    rated = await gql(client, RATE, {"input": {"id": ids[vnpt.id], "rating": 5}})
    assert rated["data"]["rateEngagement"]["engagement"] == {
        "requesterRating": 5,
        "partnerRating": 4,
    }
    figures = (await gql(client, FIGURES))["data"]
    assert figures is None  # the commune's manager cannot read the province's figures
    await login(client, "unit_manager." + OTHER)
    assert (await gql(client, ENGAGEMENTS))["data"]["supportEngagements"]["edges"] == []


async def test_a_partner_sees_its_own_and_no_registry_data(
    client: httpx.AsyncClient, w: World, system: Actor
) -> None:
    mine = await offer(w, w.vnpt_partner, "VNeID")
    theirs = await offer(w, w.bank_partner, "VNeID", title="NHNN")
    r = await request(w)
    e = await engagements.propose(w.manager, request_id=r.id, offer_id=theirs.id)
    await login(client, "doitac.vnpt")
    edges = (await gql(client, OFFERS))["data"]["supportOffers"]["edges"]
    assert [x["node"]["id"] for x in edges] == [gid("SupportOffer", mine.id)]
    node = await gql(
        client, "query($id: ID!) { node(id: $id) { id } }", {"id": gid("SupportEngagement", e.id)}
    )
    assert node["data"]["node"] is None
    accept = await gql(client, ACCEPT, {"input": {"id": gid("SupportEngagement", e.id)}})
    assert accept["data"]["acceptEngagement"]["errors"][0]["code"] == "ENGAGEMENT_NOT_FOUND"
    assert (await SupportEngagement.get(id=e.id)).status == "PROPOSED"
    members = await gql(client, "{ members(first: 5) { edges { node { fullName phone } } } }")
    assert members["data"]["members"]["edges"] == []
    member = await gql(
        client,
        "query($id: ID!) { node(id: $id) { ... on Member { fullName phone } } }",
        {"id": gid("Member", w.bank_expert.id)},
    )
    assert member["data"]["node"] is None
    # A partner offers only for its own organisation and names only its own staff.
    made = await gql(
        client,
        CREATE_OFFER,
        {
            "input": {
                "title": "Đào tạo",
                "tagIds": [w.tags["Đào tạo kỹ năng số"].id],
                "capacityPersonDays": 5,
                "servedUnitCodes": [HOME],
                "startsOn": "2026-01-01",
                "endsOn": "2026-06-30",
                "expertIds": [gid("Member", w.bank_expert.id)],
            }
        },
    )
    assert [e["code"] for e in made["data"]["createSupportOffer"]["errors"]] == [
        "EXPERT_NOT_IN_ORGANIZATION"
    ]
    matches = await gql(client, MATCHES, {"id": gid("SupportRequest", r.id)})
    assert matches["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_partner_keys_need_read_support(
    client: httpx.AsyncClient, w: World, system: Actor
) -> None:
    await offer(w, w.vnpt_partner)
    _, with_scope = await accounts.create_api_key(system, name="app", scopes=["read:support"])
    _, without = await accounts.create_api_key(system, name="other", scopes=["read:network"])
    body = await gql(client, OFFERS, headers={"authorization": f"Bearer {with_scope}"})
    assert body["data"]["supportOffers"]["totalCount"] == 1
    body = await gql(client, OFFERS, headers={"authorization": f"Bearer {without}"})
    assert body["errors"][0]["extensions"]["requiredScope"] == "read:support"


async def test_lists_cost_the_same_queries_whatever_the_page(
    client: httpx.AsyncClient, w: World, system: Actor, count_queries: Any
) -> None:
    await login(client, "doitac.vnpt")
    counts: dict[str, list[int]] = {"offers": [], "requests": [], "engagements": []}
    made = 0
    for n in (2, 7):
        while made < n:
            o = await offer(
                w, w.vnpt_partner, "VNeID", "Dữ liệu", title=f"Gói {made}", units=(HOME,)
            )
            r = await request(w, "VNeID")
            await engagements.propose(w.manager, request_id=r.id, offer_id=o.id)
            made += 1
        for name, document in (
            ("offers", OFFERS),
            ("requests", REQUESTS),
            ("engagements", ENGAGEMENTS),
        ):
            count_queries.queries.clear()
            body = await gql(client, document, {"first": 50})
            key = "support" + name.title()
            assert len(body["data"][key]["edges"]) == n, body
            counts[name].append(len(count_queries))
    assert counts == {"offers": [7, 7], "requests": [6, 6], "engagements": [8, 8]}, counts


DELIVER_WITH_ID = """
mutation($input: RecordEngagementDeliveryInput!) { recordEngagementDelivery(input: $input) {
  engagement { status } errors { field code } } }
"""
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x01" * 64


async def test_delivery_photos_follow_the_logs_client_id_once_per_content(
    client: httpx.AsyncClient, w: World
) -> None:
    from support.models import SupportDeliveryPhoto

    o = await offer(w, w.vnpt_partner)
    r = await request(w)
    e = await engagements.propose(w.manager, request_id=r.id, offer_id=o.id)
    await engagements.accept(w.vnpt_partner, engagement_id=e.id)
    url = "/uploads/delivery-photos/deliver-0001"
    raw = {"content-type": "application/octet-stream"}
    anonymous = await client.post(url, content=PNG, headers=raw)
    await login(client, "doitac.vnpt")
    before_log = await client.post(url, content=PNG, headers=raw)
    delivery = {
        "id": gid("SupportEngagement", e.id),
        "hours": 6,
        "personDays": 1,
        "peopleHelped": 25,
        "clientId": "deliver-0001",
    }
    bad_id = await gql(client, DELIVER_WITH_ID, {"input": {**delivery, "clientId": "x"}})
    done = await gql(client, DELIVER_WITH_ID, {"input": delivery})
    again = await gql(client, DELIVER_WITH_ID, {"input": delivery})

    first = await client.post(url, content=PNG, headers=raw)
    resent = await client.post(url, content=PNG, headers=raw)
    second = await client.post(url, content=JPEG, headers={"content-type": "image/png"})
    exe = await client.post(url, content=b"MZ\x90\x00" * 20, headers=raw)
    await login(client, "doitac.nhnn")  # another partner: not theirs
    other = await client.post(url, content=JPEG + b"x", headers=raw)

    assert anonymous.status_code == 401
    assert before_log.status_code == 404
    assert before_log.json()["errors"][0]["code"] == "DELIVERY_LOG_NOT_FOUND"
    assert bad_id["data"]["recordEngagementDelivery"]["errors"][0]["code"] == "INVALID_CLIENT_ID"
    assert done["data"]["recordEngagementDelivery"]["engagement"]["status"] == "DELIVERED"
    assert not again["data"]["recordEngagementDelivery"]["errors"]
    assert first.status_code == 201 and first.json()["contentType"] == "image/png"
    assert resent.status_code == 200
    assert second.status_code == 201 and second.json()["contentType"] == "image/jpeg"
    assert exe.status_code == 415
    assert other.status_code == 404
    assert await SupportDeliveryPhoto.filter(engagement_id=e.id).count() == 2
