"""Initiatives over GraphQL, public side and staff reads: no personal data in public
answers, translated errors, personal data gated per role, fixed query counts."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from accounts import services as accounts
from core.actor import Actor, Role
from core.models import AuditEvent
from network.models import AdminUnit
from recognition import awards, rounds
from recognition.models import (
    AwardLevel,
    Initiative,
    Nomination,
    ReplicationStatus,
)
from tests.helpers import gql, login
from tests.network.registry_data import build_registry
from tests.recognition.documents import (
    FAR_FUTURE,
    INITIATIVES,
    SCREEN,
    SHOWCASE,
    SUBMIT,
    TRACK,
    assert_no_personal_data,
    gid,
    submit_input,
)
from tests.recognition.recognition_data import (
    NOW,
    accepted,
    ask_for_info,
    chair_scored,
    make_committee,
    make_person,
    open_round,
    submit,
)


async def test_a_citizen_submits_and_tracks_without_personal_data_coming_back(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor
) -> None:
    submitted = await gql(client, SUBMIT, submit_input())
    payload = submitted["data"]["submitInitiative"]
    code = payload["trackingCode"]
    initiative = await Initiative.get(tracking_code=code)
    await ask_for_info(
        system,
        initiative.id,
        note="Ghi chú nội bộ: gọi cho chị Hoa",
        public_note="Vui lòng bổ sung số hộ được rà soát.",
    )
    similar = await gql(
        client,
        SUBMIT,
        submit_input(submitterPhone="0987654321", title="So hoa ho so ho ngheo ap Tan Phong"),
    )
    tracked = await gql(client, TRACK, {"code": code.lower().replace("-", " ")})

    assert payload["status"] == "SUBMITTED" and payload["errors"] == []
    view = tracked["data"]["initiativeByTrackingCode"]
    assert view["status"] == "NEEDS_INFO"
    assert view["publicNote"] == "Vui lòng bổ sung số hộ được rà soát."
    assert [h["status"] for h in view["history"]] == ["SUBMITTED", "SCREENING", "NEEDS_INFO"]
    assert view["adminUnit"]["code"] == "31843"
    assert "Ghi chú nội bộ" not in str(tracked)
    warned = similar["data"]["submitInitiative"]
    assert [s["id"] for s in warned["similar"]] == [gid("Initiative", initiative.id)]
    for body in (submitted, similar, tracked):
        assert_no_personal_data(body)


async def test_the_submitter_answers_a_request_for_information(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor
) -> None:
    initiative = await submit()
    await ask_for_info(system, initiative.id, public_note="Bổ sung số liệu.")
    mutation = """mutation($input: ProvideInitiativeInfoInput!) { provideInitiativeInfo(input: $input)
      { initiative { status history { status } } errors { field code message } } }"""

    wrong = await gql(
        client,
        mutation,
        {
            "input": {
                "trackingCode": initiative.tracking_code,
                "phone": "0900000000",
                "info": "Số liệu mới nhất.",
            }
        },
        headers={"accept-language": "en"},
    )
    right = await gql(
        client,
        mutation,
        {
            "input": {
                "trackingCode": initiative.tracking_code,
                "phone": "+84913456789",
                "info": "Trước 14 ngày, sau 3 ngày.",
            }
        },
    )

    assert wrong["data"]["provideInitiativeInfo"]["errors"][0]["code"] == "TRACKING_CODE_NOT_FOUND"
    assert right["data"]["provideInitiativeInfo"]["errors"] == []
    assert right["data"]["provideInitiativeInfo"]["initiative"]["status"] == "SCREENING"
    assert_no_personal_data(right)


async def test_a_guessed_tracking_code_gets_a_translated_error(
    client: httpx.AsyncClient, tree: AdminUnit
) -> None:
    body = await gql(client, TRACK, {"code": "SK-2345-6789"}, headers={"accept-language": "en"})
    vi = await gql(client, TRACK, {"code": "SK-2345-6789"})

    assert body["errors"][0]["extensions"]["code"] == "TRACKING_CODE_NOT_FOUND"
    assert body["errors"][0]["message"].startswith("No initiative has this tracking code.")
    assert vi["errors"][0]["message"].startswith("Không có sáng kiến nào với mã theo dõi này.")


async def test_bad_submissions_get_translated_errors_and_change_nothing(
    client: httpx.AsyncClient, tree: AdminUnit
) -> None:
    body = await gql(
        client,
        SUBMIT,
        submit_input(submitterPhone="0123", title="Ngắn"),
        headers={"accept-language": "en"},
    )
    honeypot = await gql(client, SUBMIT, submit_input(website="http://buy.example"))

    assert body["data"]["submitInitiative"]["errors"] == [
        {
            "field": "title",
            "code": "INVALID_LENGTH",
            "message": "The length must be between 10 and 200 characters.",
        },
        {
            "field": "submitterPhone",
            "code": "INVALID_PHONE",
            "message": "The phone number is not valid (for example 0912345678 or +84 912 345 678).",
        },
    ]
    assert honeypot["data"]["submitInitiative"]["trackingCode"].startswith("SK-")
    assert await Initiative.all().count() == 0


async def test_public_showcase_shows_models_and_replications_never_personal_data(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor, count_queries: Any
) -> None:
    registry = await build_registry(system)
    committee = await make_committee(1)
    round_ = await open_round(system, committee, closes_at=FAR_FUTURE)
    for i in range(3):
        initiative = await accepted(
            system,
            title=f"Mô hình chuyển đổi số cộng đồng số {i + 1}",
            submitter_phone=f"091345678{i}",
            organization_id=None,
        )
        nomination = await chair_scored(
            system, committee, round_.id, initiative.id, (9 - i, 8, 9, 7)
        )
    await rounds.close_round(system, round_id=round_.id, now=NOW)
    for nomination in await Nomination.all().order_by("id"):
        await awards.grant(
            system,
            nomination_id=nomination.id,
            level=AwardLevel.SECOND_PRIZE,
            citation="Mô hình thiết thực, dễ nhân rộng ở các ấp khác.",
            now=NOW,
        )
        for organization in (registry.pc_an_xuyen, registry.team_an_xuyen):
            await awards.record_replication(
                system,
                initiative_id=nomination.initiative_id,
                organization_id=organization.id,
                started_at=date(2025, 9, 1),
                status=ReplicationStatus.IN_PROGRESS,
                note="Ghi chú nội bộ",
            )

    counts = []
    for first in (1, 3):
        count_queries.queries.clear()
        body = await gql(client, SHOWCASE, {"first": first})
        counts.append(len(count_queries))
    as_partner = await accounts.create_api_key(system, name="Đối tác", scopes=["read:network"])
    partner = await gql(client, SHOWCASE, headers={"authorization": f"Bearer {as_partner[1]}"})

    items = [e["node"] for e in body["data"]["showcase"]["edges"]]
    assert body["data"]["showcase"]["totalCount"] == 3
    assert items[0]["level"] == "SECOND_PRIZE" and items[0]["adminUnit"]["code"] == "31843"
    assert items[0]["roundTitle"] == "Xét chọn sáng kiến chuyển đổi số năm 2025"
    assert [r["organizationName"] for r in items[0]["replications"]] == [
        "UBND Phường An Xuyên",
        "Tổ công nghệ số Khóm 1",
    ]
    assert "Ghi chú nội bộ" not in str(body)
    # page (initiative, unit, organisation and round joined), count, replications
    assert counts == [3, 3]
    for found in (body, partner):
        assert_no_personal_data(found)
        assert "0912000001" not in str(found)  # members' phones from the registry neither


@pytest.mark.parametrize(
    ("role", "scope", "visible", "with_pii"),
    [
        (Role.PROVINCE_ADMIN, "96", 3, 3),
        (Role.UNIT_MANAGER, "31843", 2, 2),
        (Role.FIELD_STAFF, "31843", 2, 0),
        (Role.COMMITTEE_MEMBER, "96", 3, 0),
    ],
)
async def test_staff_read_initiatives_in_scope_with_personal_data_gated(
    client: httpx.AsyncClient,
    tree: AdminUnit,
    role: Role,
    scope: str,
    visible: int,
    with_pii: int,
) -> None:
    await submit(submitter_phone="0911000001")
    await submit(submitter_phone="0911000002", title="Bản đồ số các điểm sạt lở ven sông")
    await submit(submitter_phone="0911000003", admin_unit_code="32002", title="Chợ 4.0 An Xuyên")
    await make_person("viewer", role, scope)
    await login(client, "viewer")

    body = await gql(client, INITIATIVES)

    nodes = [e["node"] for e in body["data"]["initiatives"]["edges"]]
    assert len(nodes) == visible == body["data"]["initiatives"]["totalCount"]
    assert sum(1 for n in nodes if n["submitterPhone"]) == with_pii
    assert sum(1 for n in nodes if n["trackingCode"]) == with_pii
    assert await AuditEvent.filter(action="initiative.pii_read").count() == with_pii


async def test_initiative_list_costs_the_same_queries_for_any_page_size(
    client: httpx.AsyncClient, tree: AdminUnit, count_queries: Any
) -> None:
    for i in range(5):
        await submit(submitter_phone=f"091100000{i}", title=f"Sáng kiến chuyển đổi số thứ {i}")
    await make_person("admin", Role.PROVINCE_ADMIN, "96")
    await login(client, "admin")
    counts = []
    for first in (1, 5):
        count_queries.queries.clear()
        body = await gql(client, INITIATIVES, {"first": first})
        assert len(body["data"]["initiatives"]["edges"]) == first
        counts.append(len(count_queries))

    # session, page (unit and organisation joined), count, attachments, history, audit insert
    assert counts == [6, 6]


async def test_partner_keys_need_read_recognition(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor
) -> None:
    await submit()
    _, without = await accounts.create_api_key(system, name="A", scopes=["read:network"])
    _, with_scope = await accounts.create_api_key(system, name="B", scopes=["read:recognition"])
    _, with_pii = await accounts.create_api_key(
        system, name="C", scopes=["read:recognition", "read:pii"]
    )

    refused = await gql(client, INITIATIVES, headers={"authorization": f"Bearer {without}"})
    allowed = await gql(client, INITIATIVES, headers={"authorization": f"Bearer {with_scope}"})
    pii = await gql(client, INITIATIVES, headers={"authorization": f"Bearer {with_pii}"})
    anonymous = await gql(client, INITIATIVES)

    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert allowed["data"]["initiatives"]["edges"][0]["node"]["submitterPhone"] is None
    assert pii["data"]["initiatives"]["edges"][0]["node"]["submitterPhone"] == "0913456789"


async def test_screening_over_graphql_refuses_illegal_transitions_in_english(
    client: httpx.AsyncClient, tree: AdminUnit
) -> None:
    initiative = await submit()
    await make_person("quanly", Role.UNIT_MANAGER, "31843")
    await login(client, "quanly")
    target = gid("Initiative", initiative.id)

    illegal = await gql(
        client,
        SCREEN,
        {"input": {"id": target, "toStatus": "AWARDED"}},
        headers={"accept-language": "en"},
    )
    ok = await gql(
        client, SCREEN, {"input": {"id": target, "toStatus": "SCREENING", "note": "Đang xem"}}
    )

    assert illegal["data"]["screenInitiative"] == {
        "initiative": None,
        "errors": [
            {
                "field": "toStatus",
                "code": "ILLEGAL_TRANSITION",
                "message": "The initiative cannot move to this status from its current status.",
            }
        ],
    }
    assert ok["data"]["screenInitiative"]["initiative"]["status"] == "SCREENING"


PLAIN_FIELDS = """id title summary problem solution results category status submittedAt
      statusChangedAt submittedByMember adminUnit { code name kind path }
      organization { id name kind contactPhone contactEmail address isActive createdAt }
      replications { id }"""


async def test_a_plain_selection_reads_columns_and_answers_as_models_do(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor, count_queries: Any
) -> None:
    """Without personal data or prefetched lists the page reads the selected columns
    (issue 19): the same answer as the model path, which ``trackingCode`` forces, for
    initiatives with and without an organisation, in one query for any page size."""
    registry = await build_registry(system)
    await submit(title="Sáng kiến không gắn tổ chức")
    await submit(system, organization_id=registry.team_an_xuyen.id, admin_unit_code="32002")
    await make_person("admin", Role.PROVINCE_ADMIN, "96")
    await login(client, "admin")
    plain = f"{{ initiatives(first: 10) {{ edges {{ node {{ {PLAIN_FIELDS} }} }} }} }}"
    with_code = plain.replace("id title", "id trackingCode title", 1)

    count_queries.queries.clear()
    by_columns = await gql(client, plain)
    queries = list(count_queries.queries)
    by_models = await gql(client, with_code)

    nodes = [e["node"] for e in by_columns["data"]["initiatives"]["edges"]]
    for node in by_models["data"]["initiatives"]["edges"]:
        del node["node"]["trackingCode"]
    assert nodes == [e["node"] for e in by_models["data"]["initiatives"]["edges"]]
    assert [n["organization"] and n["organization"]["name"] for n in nodes] == [
        registry.team_an_xuyen.name,
        None,
    ]
    # session, the page, the replications (one DataLoader batch); no personal column read
    assert len(queries) == 3
    page = next(q for q in queries if "recognition_initiative" in q and "LIMIT" in q)
    assert "submitter_phone" not in page and "tracking_code" not in page
