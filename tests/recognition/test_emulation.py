"""The emulation score, checked against figures computed by hand."""

from __future__ import annotations

from datetime import date

import pytest

from core.actor import Actor
from network import members
from network.kpis import KpiPolicy
from network.models import AdminUnit
from recognition import awards, emulation, rounds
from recognition.emulation import EmulationPolicy, Part, score_units
from recognition.models import AwardLevel, Initiative, ReplicationStatus
from tests.network.registry_data import build_registry
from tests.recognition.recognition_data import (
    NOW,
    accepted,
    chair_scored,
    make_committee,
    open_round,
)

P = Part


def _figures(
    focal: float | None, submitted: int, awarded: int, replications: int
) -> dict[Part, float | None]:
    return {
        P.FOCAL_POINTS: focal,
        P.TRAINING: None,
        P.SURVEYS: None,
        P.INITIATIVES_SUBMITTED: submitted,
        P.INITIATIVES_AWARDED: awarded,
        P.REPLICATIONS: replications,
        P.PROJECTS_ON_TIME: None,
        P.SUPPORT_DELIVERED: 0,
    }


UNITS = [
    ("X", "Xã Xuân", _figures(1.0, 4, 1, 0)),
    ("Y", "Xã Yên", _figures(0.5, 2, 2, 3)),
    ("Z", "Xã Zeta", _figures(None, 0, 0, 1)),
    ("W", "Xã Wa", _figures(0.0, 0, 0, 1)),
]


def test_scores_match_the_hand_computation() -> None:
    board = score_units(UNITS, EmulationPolicy())

    # Weights 20/20/10/10/15/10/10/5 (Σ 100); counts divided by the highest: 4 submitted,
    # 2 awarded, 3 replications; no projects nor support anywhere.
    # Y: 20×0.5 + 10×2/4 + 15×2/2 + 10×3/3 = 10 + 5 + 15 + 10 = 40
    # X: 20×1 + 10×4/4 + 15×1/2 + 0 = 20 + 10 + 7.5 = 37.5
    # W and Z: 10×1/3 = 3.33 each (tie: same rank, by name)
    assert [(u.key, u.rank, u.score) for u in board] == [
        ("Y", 1, 40.0),
        ("X", 2, 37.5),
        ("W", 3, 3.33),
        ("Z", 3, 3.33),
    ]
    y = {p.part: p for p in board[0].parts}
    assert (y[P.INITIATIVES_SUBMITTED].normalized, y[P.INITIATIVES_SUBMITTED].points) == (0.5, 5.0)
    assert (y[P.TRAINING].available, y[P.TRAINING].value, y[P.TRAINING].points) == (False, None, 0)
    assert sum(p.points for p in board[0].parts) == board[0].score
    assert sum(p.weight for p in board[0].parts) == 100


def test_weights_are_configurable() -> None:
    policy = EmulationPolicy.parse("focal_points=50, TRAINING=0,SURVEYS=0")

    board = score_units(UNITS, policy)

    # Σ weights 100: X = 50×1 + 10 + 15×1/2 = 67.5; Y = 25 + 5 + 15 + 10 = 55
    assert [(u.key, u.score) for u in board[:2]] == [("X", 67.5), ("Y", 55.0)]
    for bad in ("NOPE=1", "TRAINING=x", "FOCAL_POINTS=-1"):
        with pytest.raises(ValueError):
            EmulationPolicy.parse(bad)
    with pytest.raises(ValueError):
        EmulationPolicy.parse(",".join(f"{p}=0" for p in Part))


def test_projects_on_time_and_support_delivered_add_to_the_score() -> None:
    """Decision 0031: the on-time share of a unit's projects is a rate (weight 10), the
    person-days of support it received a count divided by the siblings' highest (weight 5)."""
    quiet = _figures(None, 0, 0, 0)
    units = [
        ("A", "Xã An", {**quiet, P.PROJECTS_ON_TIME: 0.75, P.SUPPORT_DELIVERED: 3.0}),
        ("B", "Xã Bình", {**quiet, P.PROJECTS_ON_TIME: None, P.SUPPORT_DELIVERED: 12.0}),
        ("C", "Xã Cát", {**quiet, P.PROJECTS_ON_TIME: 1.0}),
    ]

    board = score_units(units, EmulationPolicy())

    # A: 10×0.75 + 5×3/12 = 7.5 + 1.25 = 8.75; C: 10×1 = 10; B: 5×12/12 = 5
    assert [(u.key, u.score) for u in board] == [("C", 10.0), ("A", 8.75), ("B", 5.0)]
    b = {p.part: p for p in board[2].parts}
    assert (b[P.PROJECTS_ON_TIME].available, b[P.PROJECTS_ON_TIME].points) == (False, 0)
    assert EmulationPolicy.parse("PROJECTS_ON_TIME=0").weights[P.PROJECTS_ON_TIME] == 0


def test_no_activity_anywhere_scores_zero() -> None:
    board = score_units([("A", "A", _figures(None, 0, 0, 0))], EmulationPolicy())
    assert (board[0].score, board[0].rank) == (0.0, 1)


async def test_leaderboard_from_the_database(tree: AdminUnit, system: Actor) -> None:
    registry = await build_registry(system)
    # Hồng Dân's officer holds an IT college degree: a qualified focal point (rate 1.0).
    await members.designate_focal_point(
        system, organization_id=registry.pc_hong_dan.id, member_id=registry.hong_dan_officer.id
    )
    committee = await make_committee(1)
    round_ = await open_round(system, committee)
    hong_dan = await accepted(system, submitter_phone="0911000001")
    await accepted(system, submitter_phone="0911000002", title="Bản đồ số các điểm sạt lở")
    an_xuyen = await accepted(
        system, submitter_phone="0911000003", admin_unit_code="32002", title="Chợ 4.0 An Xuyên"
    )
    old = await accepted(system, submitter_phone="0911000004", title="Một ý tưởng từ năm trước")
    await Initiative.filter(id=old.id).update(created_at=NOW.replace(year=2024))
    await Initiative.exclude(id=old.id).update(created_at=NOW)
    nomination = await chair_scored(system, committee, round_.id, hong_dan.id, (9, 9, 9, 9))
    await rounds.close_round(system, round_id=round_.id, now=NOW)
    await awards.grant(
        system,
        nomination_id=nomination.id,
        level=AwardLevel.FIRST_PRIZE,
        citation="Giải nhất.",
        now=NOW,
    )
    await awards.record_replication(
        system,
        initiative_id=hong_dan.id,
        organization_id=registry.pc_an_xuyen.id,
        started_at=date(2025, 9, 1),
        status=ReplicationStatus.IN_PROGRESS,
    )
    assert an_xuyen.unit_path == "/96/32002/"

    board = await emulation.leaderboard(
        system,
        unit=tree,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        kpi_policy=KpiPolicy(),
        policy=EmulationPolicy(),
    )

    assert len(board.units) == 64
    top = [(u.key, u.rank, u.score) for u in board.units[:3]]
    # 31843: focal 20 + submitted 2/2×10 + awarded 1/1×15 = 45
    # 32002: focal 0 (not qualified) + submitted 1/2×10 + replications 1/1×10 = 15
    assert top[:2] == [("31843", 1, 45.0), ("32002", 2, 15.0)]
    assert top[2][1:] == (3, 0.0)
    parts = {p.part: p.value for p in board.units[0].parts}
    assert parts == {
        P.FOCAL_POINTS: 1.0,
        P.TRAINING: None,
        P.SURVEYS: None,
        P.INITIATIVES_SUBMITTED: 2,
        P.INITIATIVES_AWARDED: 1,
        P.REPLICATIONS: 0,
        P.PROJECTS_ON_TIME: None,
        P.SUPPORT_DELIVERED: 0.0,
    }


async def test_training_follows_the_kpi_trained_rate(tree: AdminUnit, system: Actor) -> None:
    hong_dan = await AdminUnit.get(code="31843")

    async def trained_counts(prefix: str, since: date) -> dict[int, tuple[int, int]]:
        return {hong_dan.id: (4, 3)}  # 4 members holding a DX role, 3 trained recently

    board = await emulation.leaderboard(
        system,
        unit=tree,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        kpi_policy=KpiPolicy(trained_counts=trained_counts),
        policy=EmulationPolicy(),
    )

    top = board.units[0]
    training = next(p for p in top.parts if p.part == P.TRAINING)
    # 20 × 0.75 = 15 points; nothing else anywhere
    assert (top.key, top.score, training.value, training.points) == ("31843", 15.0, 0.75, 15.0)
    assert board.units[1].score == 0.0
