"""Submitting and tracking initiatives: validation, abuse limits, similarity, workflow."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from core.actor import Actor, Role
from core.errors import DomainError, RateLimited
from core.models import AuditEvent, RateLimitCounter
from network.models import AdminUnit
from recognition import initiatives, workflow
from recognition.initiatives import province_path
from recognition.models import (
    Initiative,
    InitiativeCategory,
    InitiativeStatus,
    InitiativeTransition,
)
from recognition.workflow import TRANSITIONS, Step
from tests.recognition.recognition_data import (
    ADDRESS,
    NOW,
    errors_of,
    make_person,
    submission,
    submit,
)

S = InitiativeStatus


async def test_anonymous_submission_is_stored_with_a_tracking_code_and_audited(
    tree: AdminUnit,
) -> None:
    result = await initiatives.submit(
        Actor.anonymous(), data=submission(), client_addr=ADDRESS, now=NOW
    )

    assert re.fullmatch(r"SK-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", result.tracking_code)
    stored = await Initiative.get(tracking_code=result.tracking_code)
    assert (stored.status, stored.unit_path, stored.submitter_phone) == (
        S.SUBMITTED,
        "/96/31843/",
        "0913456789",
    )
    assert stored.text_folded.startswith("so hoa ho so ho ngheo ap tan phong chuyen toan bo")
    assert result.similar == []
    history = await InitiativeTransition.filter(initiative_id=stored.id)
    assert [(t.from_status, t.to_status, t.actor_kind) for t in history] == [
        (None, S.SUBMITTED, "anonymous")
    ]
    event = await AuditEvent.get(action="initiative.submit")
    assert (event.actor_kind, event.actor_user_id, event.object_id) == (
        "anonymous",
        None,
        str(stored.id),
    )
    assert "submitter_phone" in event.fields_changed
    assert "0913456789" not in str(event.fields_changed)


async def test_signed_in_member_links_themself_and_an_organisation(
    tree: AdminUnit, system: Actor
) -> None:
    from tests.network.registry_data import build_registry

    registry = await build_registry(system)
    _, actor = await make_person(
        "canbo", Role.FIELD_STAFF, "31843", member_id=registry.hong_dan_officer.id
    )

    initiative = await submit(actor, admin_unit_code=None, organization_id=registry.pc_hong_dan.id)

    assert (initiative.member_id, initiative.organization_id, initiative.unit_path) == (
        registry.hong_dan_officer.id,
        registry.pc_hong_dan.id,
        "/96/31843/",
    )
    refused = await errors_of(submit(organization_id=registry.pc_hong_dan.id))
    assert refused == [("organizationId", "FORBIDDEN")]


async def test_bad_submissions_are_refused_field_by_field_and_store_nothing(
    tree: AdminUnit,
) -> None:
    errors = await errors_of(
        submit(
            title="Ngắn",
            summary="",
            category="BLOCKCHAIN",
            submitter_name=" ",
            submitter_phone="12345",
            submitter_email="khong-hop-le",
            admin_unit_code="00000",
            attachment_tokens=["a", "b", "c", "d", "e", "f"],
        )
    )

    assert errors == [
        ("title", "INVALID_LENGTH"),
        ("summary", "REQUIRED"),
        ("category", "INVALID_CHOICE"),
        ("submitterName", "INVALID_LENGTH"),
        ("submitterPhone", "INVALID_PHONE"),
        ("submitterEmail", "INVALID_EMAIL"),
        ("adminUnitCode", "ADMIN_UNIT_NOT_FOUND"),
        ("attachmentIds", "TOO_MANY_ATTACHMENTS"),
    ]
    assert await errors_of(submit(submitter_phone="", admin_unit_code=None)) == [
        ("submitterPhone", "REQUIRED"),
        ("adminUnitCode", "REQUIRED"),
    ]
    assert await errors_of(submit(problem="x" * 5001)) == [("problem", "INVALID_LENGTH")]
    assert await Initiative.all().count() == 0
    assert await RateLimitCounter.all().count() == 0
    assert await AuditEvent.all().count() == 0


async def test_paragraphs_survive_cleaning(tree: AdminUnit) -> None:
    initiative = await submit(
        solution="  Bước 1:  nhập liệu.\r\n\r\n\r\n\tBước 2: rà soát \x00 hằng tháng. "
    )
    assert initiative.solution == "Bước 1: nhập liệu.\n\nBước 2: rà soát hằng tháng."


async def test_honeypot_pretends_success_and_stores_nothing(tree: AdminUnit) -> None:
    result = await initiatives.submit(
        Actor.anonymous(),
        data=submission(website="http://spam.example"),
        client_addr=ADDRESS,
        now=NOW,
    )

    assert result.initiative is None
    assert re.fullmatch(r"SK-\w{4}-\w{4}", result.tracking_code)
    assert await Initiative.all().count() == 0
    assert await RateLimitCounter.all().count() == 0
    assert await AuditEvent.all().count() == 0
    assert await errors_of(
        initiatives.get_by_tracking_code(code=result.tracking_code, client_addr=ADDRESS)
    ) == [("code", "TRACKING_CODE_NOT_FOUND")]


async def test_five_submissions_per_phone_per_day(tree: AdminUnit) -> None:
    for i in range(5):
        await submit(title=f"Sáng kiến số {i} về chuyển đổi số", address=f"10.0.0.{i}")

    sixth = await errors_of(submit(title="Sáng kiến thứ sáu trong ngày", address="10.0.0.9"))
    other_phone = await submit(submitter_phone="0987000111", address="10.0.0.9")
    next_day = await submit(address="10.0.0.9", now=NOW + timedelta(days=1, seconds=1))

    assert sixth == [("submitterPhone", "RATE_LIMITED")]
    assert other_phone.id and next_day.id
    assert await Initiative.filter(submitter_phone="0913456789").count() == 6
    keys = await RateLimitCounter.all().values_list("key", flat=True)
    assert all("0913456789" not in k and ADDRESS not in k for k in keys)


async def test_twenty_submissions_per_address_per_hour(tree: AdminUnit) -> None:
    for i in range(20):
        await submit(submitter_phone=f"09130000{i:02d}", title=f"Ý tưởng chuyển đổi số {i}")

    with pytest.raises(RateLimited) as refused:
        await submit(submitter_phone="0913999999")

    assert refused.value.params == {"minutes": 60}
    later = await submit(submitter_phone="0913999999", now=NOW + timedelta(hours=1))
    assert later.id


async def test_tracking_code_lookup_normalises_and_rate_limits_guesses(tree: AdminUnit) -> None:
    initiative = await submit()
    code = initiative.tracking_code
    sloppy = f"  {code.lower().replace('-', ' ')} "

    found = await initiatives.get_by_tracking_code(code=sloppy, client_addr=ADDRESS, now=NOW)
    bare = await initiatives.get_by_tracking_code(
        code=code.replace("-", "")[2:], client_addr=ADDRESS, now=NOW
    )
    assert found.id == bare.id == initiative.id

    for guess in ["SK-2222-2222", "hello", "SK-0000-OOOO"] * 6 + ["SK-3333-3333", "SK-4444-4444"]:
        assert await errors_of(
            initiatives.get_by_tracking_code(code=guess, client_addr="192.0.2.1", now=NOW)
        ) == [("code", "TRACKING_CODE_NOT_FOUND")]
    locked = await errors_of(
        initiatives.get_by_tracking_code(code=code, client_addr="192.0.2.1", now=NOW)
    )
    elsewhere = await initiatives.get_by_tracking_code(code=code, client_addr="192.0.2.2", now=NOW)
    later = await initiatives.get_by_tracking_code(
        code=code, client_addr="192.0.2.1", now=NOW + timedelta(hours=1)
    )

    assert locked == [(None, "RATE_LIMITED")]
    assert elsewhere.id == later.id == initiative.id


async def test_a_very_similar_initiative_is_flagged_without_diacritics(
    tree: AdminUnit, system: Actor
) -> None:
    first = await submit()

    result = await initiatives.submit(
        Actor.anonymous(),
        data=submission(
            title="So hoa ho so ho ngheo ap Tan Phong",
            summary="Chuyen toan bo ho so ho ngheo, can ngheo cua ap sang bang tinh dung chung.",
            submitter_phone="0987654321",
            admin_unit_code="32002",
        ),
        client_addr="10.1.1.1",
        now=NOW,
    )
    unrelated = await initiatives.submit(
        Actor.anonymous(),
        data=submission(
            title="Chợ 4.0 thanh toán không dùng tiền mặt tại chợ Phường An Xuyên",
            summary="Tiểu thương dán mã QR, người mua quét mã để trả tiền qua ngân hàng.",
            submitter_phone="0987654322",
        ),
        client_addr="10.1.1.2",
        now=NOW,
    )
    other_category = await initiatives.submit(
        Actor.anonymous(),
        data=submission(category=InitiativeCategory.DIGITAL_SOCIETY, submitter_phone="0987654323"),
        client_addr="10.1.1.3",
        now=NOW,
    )

    assert [s.initiative.id for s in result.similar] == [first.id]
    assert 0.5 <= result.similar[0].similarity < 1.0
    assert result.initiative is not None  # a warning, not a refusal
    assert unrelated.similar == []
    assert other_category.similar == []
    again = await initiatives.similar_to(system, first)
    assert [s.initiative.id for s in again] == [result.initiative.id]


async def test_workflow_records_who_when_and_notes(tree: AdminUnit, system: Actor) -> None:
    initiative = await submit()
    manager_user, manager = await make_person("quanly", Role.UNIT_MANAGER, "31843")

    await initiatives.screen(manager, initiative_id=initiative.id, to_status=S.SCREENING, now=NOW)
    await initiatives.screen(
        manager,
        initiative_id=initiative.id,
        to_status=S.NEEDS_INFO,
        note="Thiếu số liệu trước khi áp dụng",
        public_note="Vui lòng bổ sung số hộ được rà soát trước và sau.",
        now=NOW + timedelta(hours=1),
    )
    found = await initiatives.verify_submitter(
        code=initiative.tracking_code, phone="+84 913 456 789", client_addr=ADDRESS
    )
    await initiatives.provide_info(
        Actor.anonymous(),
        initiative_id=found.id,
        info="Trước: 212 hộ, mất 14 ngày. Sau: 212 hộ, mất 3 ngày.",
        now=NOW + timedelta(hours=2),
    )
    await initiatives.screen(
        manager, initiative_id=initiative.id, to_status=S.ACCEPTED_FOR_REVIEW, now=NOW
    )

    history = await InitiativeTransition.filter(initiative_id=initiative.id).order_by("id")
    assert [(t.from_status, t.to_status, t.actor_user_id) for t in history] == [
        (None, S.SUBMITTED, None),
        (S.SUBMITTED, S.SCREENING, manager_user.id),
        (S.SCREENING, S.NEEDS_INFO, manager_user.id),
        (S.NEEDS_INFO, S.SCREENING, None),
        (S.SCREENING, S.ACCEPTED_FOR_REVIEW, manager_user.id),
    ]
    assert history[2].note == "Thiếu số liệu trước khi áp dụng"
    assert history[2].public_note.startswith("Vui lòng bổ sung")
    assert history[3].note.startswith("Trước: 212 hộ")
    actions = (
        await AuditEvent.filter(object_type="Initiative")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "initiative.submit",
        "initiative.screen",
        "initiative.screen",
        "initiative.provide_info",
        "initiative.screen",
    ]


async def test_illegal_transitions_are_refused_and_change_nothing(
    tree: AdminUnit, system: Actor
) -> None:
    initiative = await submit()

    jump = await errors_of(
        initiatives.screen(system, initiative_id=initiative.id, to_status=S.ACCEPTED_FOR_REVIEW)
    )
    award = await errors_of(
        initiatives.screen(system, initiative_id=initiative.id, to_status=S.AWARDED)
    )
    await initiatives.screen(system, initiative_id=initiative.id, to_status=S.SCREENING)
    no_note = await errors_of(
        initiatives.screen(system, initiative_id=initiative.id, to_status=S.REJECTED)
    )
    not_asked = await errors_of(
        initiatives.provide_info(system, initiative_id=initiative.id, info="Thêm thông tin đây.")
    )

    assert jump == award == [("toStatus", "ILLEGAL_TRANSITION")]
    assert no_note == [("publicNote", "REQUIRED")]
    assert not_asked == [("code", "ILLEGAL_TRANSITION")]
    stored = await Initiative.get(id=initiative.id)
    assert stored.status == S.SCREENING
    assert await InitiativeTransition.filter(initiative_id=initiative.id).count() == 2


async def test_wrong_phone_is_a_miss_like_a_wrong_code(tree: AdminUnit) -> None:
    initiative = await submit()
    assert await errors_of(
        initiatives.verify_submitter(
            code=initiative.tracking_code, phone="0900000000", client_addr=ADDRESS
        )
    ) == [("code", "TRACKING_CODE_NOT_FOUND")]
    assert await RateLimitCounter.filter(key__startswith="track-miss-addr:").count() == 1


async def test_screening_is_for_editors_in_scope(tree: AdminUnit) -> None:
    initiative = await submit()  # in 31843
    _, other_manager = await make_person("quanly.khac", Role.UNIT_MANAGER, "32002")
    _, staff = await make_person("canbo", Role.FIELD_STAFF, "31843")

    outside = await errors_of(
        initiatives.screen(other_manager, initiative_id=initiative.id, to_status=S.SCREENING)
    )
    not_editor = await errors_of(
        initiatives.screen(staff, initiative_id=initiative.id, to_status=S.SCREENING)
    )

    assert outside == [("id", "INITIATIVE_NOT_FOUND")]
    assert not_editor == [(None, "FORBIDDEN")]


def test_only_the_table_allows_a_transition() -> None:
    for current in S:
        for target in S:
            for step in Step:
                expected = step in TRANSITIONS.get(current, {}).get(target, frozenset())
                assert workflow.allowed(current, target, step) is expected, (current, target, step)
                if not expected:
                    with pytest.raises(DomainError, match="ILLEGAL_TRANSITION"):
                        workflow.require_allowed(current, target, step)


def test_the_table_is_the_documented_workflow() -> None:
    edges = {
        (a.value, b.value, s.value)
        for a, targets in TRANSITIONS.items()
        for b, steps in targets.items()
        for s in steps
    }
    assert edges == {
        ("SUBMITTED", "SCREENING", "screen"),
        ("SCREENING", "ACCEPTED_FOR_REVIEW", "screen"),
        ("SCREENING", "NEEDS_INFO", "screen"),
        ("SCREENING", "REJECTED", "screen"),
        ("NEEDS_INFO", "SCREENING", "screen"),
        ("NEEDS_INFO", "SCREENING", "provide_info"),
        ("NEEDS_INFO", "REJECTED", "screen"),
        ("ACCEPTED_FOR_REVIEW", "NOMINATED", "nominate"),
        ("NOMINATED", "AWARDED", "award"),
        ("NOMINATED", "NOT_AWARDED", "settle"),
        ("NOT_AWARDED", "NOMINATED", "nominate"),
    }
    assert province_path("/96/31843/K1/") == "/96/"


async def test_similar_initiatives_are_limited_to_what_the_reader_may_see(
    tree: AdminUnit,
) -> None:
    """Given near-identical initiatives from Hồng Dân and An Xuyên, Hồng Dân's manager
    screening theirs is not shown An Xuyên's; the province is."""
    mine = await submit()
    elsewhere = await submit(admin_unit_code="32002", submitter_phone="0987654321")
    _, manager = await make_person("quanly.hongdan", Role.UNIT_MANAGER, "31843")
    _, admin = await make_person("quantri.tinh", Role.PROVINCE_ADMIN, "96")

    for_manager = await initiatives.similar_to(manager, mine, now=NOW)
    for_admin = await initiatives.similar_to(admin, mine, now=NOW)

    assert for_manager == []
    assert [s.initiative.id for s in for_admin] == [elsewhere.id]
