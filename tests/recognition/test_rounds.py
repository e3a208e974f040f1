"""Rounds: defaults and validation, closing against a hand-computed tally, quorum,
awards, finalising, replication."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import date, timedelta
from typing import Any

from core.actor import Actor, Role
from core.models import AuditEvent
from network.models import AdminUnit
from recognition import awards, ballots, rounds, tally
from recognition.models import (
    Award,
    AwardLevel,
    Initiative,
    InitiativeStatus,
    Replication,
    ReplicationStatus,
    RoundResult,
    RoundStatus,
)
from recognition.rounds import CriterionData, RoundData
from tests.network.registry_data import build_registry
from tests.recognition.recognition_data import (
    CRITERIA,
    NOW,
    errors_of,
    make_committee,
    make_person,
    nominated,
    open_round,
    scores,
    submit,
)

S = InitiativeStatus


async def test_round_defaults_criteria_and_two_thirds_quorum(
    tree: AdminUnit, system: Actor
) -> None:
    committee = await make_committee(4)

    round_ = await open_round(system, committee)

    assert round_.quorum == 3  # ceil(2/3 × 4)
    assert round_.unit_path == "/96/"
    criteria = await round_.criteria.all().order_by("position")
    assert [(c.key, c.weight, c.max_score, c.label_vi, c.label_en) for c in criteria] == [
        ("novelty", 30, 10, "Tính mới, sáng tạo", "Novelty"),
        ("effectiveness", 30, 10, "Hiệu quả", "Effectiveness"),
        ("replicability", 25, 10, "Khả năng nhân rộng", "Replicability"),
        ("reach", 15, 10, "Phạm vi ảnh hưởng", "Reach"),
    ]
    seats = await round_.committee.all().order_by("id")
    assert [(s.user_id, s.is_chair) for s in seats] == [
        (committee.chair.id, True),
        *[(u.id, False) for u, _ in committee.members],
    ]
    assert await AuditEvent.filter(action="round.create", object_id=str(round_.id)).exists()


async def test_round_creation_refuses_bad_committees_and_criteria(
    tree: AdminUnit, system: Actor
) -> None:
    committee = await make_committee(2)
    staff, _ = await make_person("canbo", Role.FIELD_STAFF, "96")

    errors = await errors_of(
        rounds.create_round(
            system,
            data=RoundData(
                title="Đợt",
                period_start=date(2025, 12, 31),
                period_end=date(2025, 1, 1),
                opens_at=NOW,
                closes_at=NOW,
                committee_user_ids=[committee.chair.id, staff.id, 999_999],
                chair_user_id=committee.members[0][0].id + 1000,
                criteria=[
                    CriterionData("novelty", 0, 10, "Tính mới"),
                    CriterionData("novelty", 1, 1, "x"),
                ],
                quorum=9,
            ),
        )
    )

    assert errors == [
        ("title", "INVALID_LENGTH"),
        ("periodEnd", "INVALID_PERIOD"),
        ("closesAt", "INVALID_PERIOD"),
        ("criteria", "INVALID_CRITERIA"),
        ("committeeUserIds", "NOT_FOUND"),
        ("committeeUserIds", "COMMITTEE_ROLE_REQUIRED"),
        ("chairUserId", "CHAIR_NOT_IN_COMMITTEE"),
        ("quorum", "INVALID_QUORUM"),
    ]


def test_tally_matches_the_hand_computed_fixture() -> None:
    criteria = [tally.CriterionSpec(c.key, c.weight, c.max_score) for c in CRITERIA]

    def ballot(*values: float) -> tally.BallotInput:
        return tally.BallotInput(False, dict(scores(*values)))

    recused = tally.BallotInput(True, {})
    a = tally.tally(
        criteria, [ballot(8, 7, 9, 4), ballot(6, 9, 7, 5), ballot(7, 8, 8, 3), recused], 3
    )
    b = tally.tally(criteria, [ballot(9, 9, 10, 5), ballot(10, 8, 9, 5), ballot(8, 7, 8, 4)], 3)

    # A: means 7, 8, 8, 4 -> 30×0.7 + 30×0.8 + 25×0.8 + 15×(4/5) = 21 + 24 + 20 + 12 = 77
    assert a == tally.Tally(
        ballots=3,
        recusals=1,
        has_quorum=True,
        score=77.0,
        criterion_means={"novelty": 7, "effectiveness": 8, "replicability": 8, "reach": 4},
    )
    # B: means 9, 8, 9, 14/3 -> 27 + 24 + 22.5 + 15×(14/15) = 87.5
    assert (b.score, b.criterion_means["reach"]) == (87.5, 4.6667)
    empty = tally.tally(criteria, [recused], 1)
    assert (empty.ballots, empty.recusals, empty.has_quorum, empty.score) == (0, 1, False, None)


async def test_closing_ranks_freezes_and_settles_against_the_fixture(
    tree: AdminUnit, system: Actor
) -> None:
    committee = await make_committee(4)  # quorum 3
    round_ = await open_round(system, committee, criteria=CRITERIA)
    a = await nominated(
        system, round_.id, title="Sáng kiến A số hóa hồ sơ", submitter_phone="0911000001"
    )
    b = await nominated(
        system, round_.id, title="Sáng kiến B chợ không tiền mặt", submitter_phone="0911000002"
    )
    c = await nominated(
        system, round_.id, title="Sáng kiến C trợ lý ảo xã", submitter_phone="0911000003"
    )
    d = await nominated(
        system, round_.id, title="Sáng kiến D bản đồ số ấp", submitter_phone="0911000004"
    )
    m0, m1, m2, m3 = committee.actors
    plan = {
        a.id: [(m0, (8, 7, 9, 4)), (m1, (6, 9, 7, 5)), (m2, (7, 8, 8, 3)), (m3, None)],
        b.id: [(m0, (9, 9, 10, 5)), (m1, (10, 8, 9, 5)), (m2, (8, 7, 8, 4))],
        c.id: [(m0, (10, 10, 10, 5)), (m1, (10, 10, 10, 5))],
        d.id: [(m0, (7, 8, 8, 4)), (m1, (7, 8, 8, 4)), (m2, (7, 8, 8, 4))],
    }
    for nomination_id, votes in plan.items():
        for voter, values in votes:
            if values is None:
                await ballots.cast(
                    voter,
                    nomination_id=nomination_id,
                    recuse=True,
                    recusal_reason="Quen biết",
                    now=NOW,
                )
            else:
                await ballots.cast(
                    voter, nomination_id=nomination_id, scores=scores(*values), now=NOW
                )

    early = await errors_of(rounds.results(system, round_id=round_.id))
    member = await errors_of(rounds.close_round(m1, round_id=round_.id, now=NOW))
    closed = await rounds.close_round(m0, round_id=round_.id, now=NOW)
    _, results = await rounds.results(system, round_id=round_.id)
    late_ballot = await errors_of(
        ballots.cast(m3, nomination_id=b.id, scores=scores(1, 1, 1, 1), now=NOW)
    )
    again = await errors_of(rounds.close_round(system, round_id=round_.id, now=NOW))

    assert early == [("roundId", "ROUND_STILL_OPEN")]
    assert member == [(None, "FORBIDDEN")]
    assert (closed.status, closed.closed_by_user_id) == (RoundStatus.CLOSED, committee.chair.id)
    assert [
        (r.nomination_id, r.rank, r.score, r.has_quorum, r.ballots, r.recusals) for r in results
    ] == [
        (b.id, 1, 87.5, True, 3, 0),
        (a.id, 2, 77.0, True, 3, 1),  # ties with D, submitted earlier
        (d.id, 3, 77.0, True, 3, 0),
        (c.id, None, 100.0, False, 2, 0),
    ]
    assert late_ballot == [("nominationId", "ROUND_CLOSED")]
    assert again == [("roundId", "ROUND_CLOSED")]
    statuses = {i.id: i.status for i in await Initiative.all()}
    assert statuses[c.initiative_id] == S.NOT_AWARDED  # no quorum: settled at close
    assert {statuses[n.initiative_id] for n in (a, b, d)} == {S.NOMINATED}
    assert await RoundResult.filter(round_id=round_.id).count() == 4

    gold = await awards.grant(
        system,
        nomination_id=b.id,
        level=AwardLevel.FIRST_PRIZE,
        citation="Mô hình hiệu quả, dễ nhân rộng.",
        now=NOW,
    )
    twice = await errors_of(
        awards.grant(
            system, nomination_id=b.id, level=AwardLevel.SECOND_PRIZE, citation="Lần thứ hai nữa."
        )
    )
    no_quorum = await errors_of(
        awards.grant(
            system, nomination_id=c.id, level=AwardLevel.THIRD_PRIZE, citation="Không đủ phiếu."
        )
    )
    await rounds.finalize_round(system, round_id=round_.id, now=NOW)
    after = await errors_of(
        awards.grant(
            system, nomination_id=a.id, level=AwardLevel.THIRD_PRIZE, citation="Sau khi chốt."
        )
    )

    assert gold.unit_path == "/96/31843/"
    assert twice == [("nominationId", "ALREADY_AWARDED")]
    assert no_quorum == [("nominationId", "NO_QUORUM")]
    assert after == [("nominationId", "ROUND_FINALIZED")]
    statuses = {i.id: i.status for i in await Initiative.all()}
    assert statuses[b.initiative_id] == S.AWARDED
    assert statuses[a.initiative_id] == statuses[d.initiative_id] == S.NOT_AWARDED
    assert await Award.all().count() == 1
    actions = set(await AuditEvent.all().values_list("action", flat=True))
    assert {
        "round.create",
        "nomination.create",
        "ballot.cast",
        "round.close",
        "award.grant",
        "round.finalize",
        "initiative.nominate",
        "initiative.settle",
        "initiative.award",
    } <= actions


async def test_voting_windows_and_nomination_rules(tree: AdminUnit, system: Actor) -> None:
    committee = await make_committee(1)
    later = await open_round(
        system, committee, opens_at=NOW + timedelta(days=1), closes_at=NOW + timedelta(days=2)
    )
    nomination = await nominated(system, later.id)
    voter = committee.chair_actor

    too_early = await errors_of(
        ballots.cast(voter, nomination_id=nomination.id, scores=scores(1, 1, 1, 1), now=NOW)
    )
    too_late = await errors_of(
        ballots.cast(
            voter,
            nomination_id=nomination.id,
            scores=scores(1, 1, 1, 1),
            now=NOW + timedelta(days=2),
        )
    )
    twice = await errors_of(
        rounds.nominate(system, round_id=later.id, initiative_id=nomination.initiative_id, now=NOW)
    )
    fresh = await errors_of(
        rounds.nominate(
            system,
            round_id=later.id,
            initiative_id=(await _submitted(phone="0911222333")).id,
            now=NOW,
        )
    )
    _, outside = await make_person("quanly.xa", Role.UNIT_MANAGER, "32002")
    refused = await errors_of(
        rounds.nominate(outside, round_id=later.id, initiative_id=nomination.initiative_id, now=NOW)
    )

    assert too_early == [("nominationId", "ROUND_NOT_OPEN")]
    assert too_late == [("nominationId", "ROUND_CLOSED")]
    assert twice == [("initiativeId", "ALREADY_NOMINATED")]
    assert fresh == [("initiativeId", "ILLEGAL_TRANSITION")]
    assert refused == [("roundId", "ROUND_NOT_FOUND")]


async def _submitted(phone: str) -> Initiative:
    return await submit(submitter_phone=phone, title="Một sáng kiến chưa được sàng lọc")


async def test_not_awarded_models_can_compete_again(tree: AdminUnit, system: Actor) -> None:
    committee = await make_committee(1)
    first = await open_round(system, committee)
    nomination = await nominated(system, first.id)
    await rounds.close_round(system, round_id=first.id, now=NOW)  # no ballots: no quorum
    second = await open_round(system, committee, title="Xét chọn bổ sung năm 2025")

    again = await rounds.nominate(
        system, round_id=second.id, initiative_id=nomination.initiative_id, now=NOW
    )

    assert again.round_id == second.id
    assert (await Initiative.get(id=nomination.initiative_id)).status == S.NOMINATED


async def test_replication_of_awarded_models(tree: AdminUnit, system: Actor) -> None:
    registry = await build_registry(system)
    committee = await make_committee(1)
    round_ = await open_round(system, committee, criteria=CRITERIA)
    nomination = await nominated(system, round_.id)
    await ballots.cast(
        committee.chair_actor, nomination_id=nomination.id, scores=scores(9, 9, 9, 5), now=NOW
    )
    await rounds.close_round(system, round_id=round_.id, now=NOW)
    _, manager = await make_person("quanly.anxuyen", Role.UNIT_MANAGER, "32002")

    def replicate(**changes: Any) -> Awaitable[Replication]:
        values: dict[str, Any] = {
            "organization_id": registry.pc_an_xuyen.id,
            "started_at": date(2025, 9, 1),
            "status": ReplicationStatus.IN_PROGRESS,
            **changes,
        }
        return awards.record_replication(manager, initiative_id=nomination.initiative_id, **values)

    not_yet = await errors_of(replicate())
    await awards.grant(
        system, nomination_id=nomination.id, level=AwardLevel.SECOND_PRIZE, citation="Mô hình tốt."
    )
    recorded = await replicate(note="Bắt đầu tại khóm 1")
    updated = await replicate(status=ReplicationStatus.ESTABLISHED)
    outside = await errors_of(
        replicate(
            organization_id=registry.pc_hong_dan.id,
            started_at=date(2099, 1, 1),
            status=ReplicationStatus.PLANNED,
        )
    )

    assert not_yet == [("initiativeId", "INITIATIVE_NOT_AWARDED")]
    assert recorded.id == updated.id
    assert (updated.status, updated.unit_path, updated.note) == (
        ReplicationStatus.ESTABLISHED,
        "/96/32002/",
        "",
    )
    assert outside == [
        ("organizationId", "ORGANIZATION_NOT_FOUND"),
        ("startedAt", "DATE_IN_FUTURE"),
    ]
    assert await Replication.all().count() == 1
    events = (
        await AuditEvent.filter(action="replication.record")
        .order_by("id")
        .values_list("fields_changed", flat=True)
    )
    assert events == [["note", "started_at", "status"], ["note", "status"]]
