"""Helpers for recognition tests: cheap users, realistic submissions, rounds."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

import pytest

from accounts import services as accounts
from accounts.models import User
from accounts.passwords import hash_password
from core.actor import Actor, Role
from core.errors import DomainError, ValidationFailed
from network.models import AdminUnit
from recognition import ballots, initiatives, rounds
from recognition.initiatives import SubmissionData
from recognition.models import (
    Initiative,
    InitiativeCategory,
    InitiativeStatus,
    Nomination,
    RecognitionRound,
)
from recognition.rounds import CriterionData, RoundData
from tests.helpers import PASSWORD

NOW = datetime(2025, 9, 15, 3, 0, tzinfo=UTC)
ADDRESS = "198.51.100.20"


@cache
def password_hash() -> str:
    """Hash the test password once: argon2 costs ~50 ms per user otherwise."""
    return hash_password(PASSWORD)


async def make_person(
    username: str, role: Role, scope_code: str, *, member_id: int | None = None
) -> tuple[User, Actor]:
    """A user (who can sign in with ``PASSWORD``) and the Actor a session would give them."""
    unit = await AdminUnit.get(code=scope_code)
    user = await User.create(
        username=username,
        password_hash=password_hash(),
        display_name=username.replace(".", " ").title(),
        roles=[role],
        scope_id=unit.id,
        member_id=member_id,
    )
    return user, accounts.actor_for_user(user, unit)


def submission(**changes: Any) -> SubmissionData:
    base = SubmissionData(
        title="Số hóa hồ sơ hộ nghèo ấp Tân Phong",
        summary="Chuyển toàn bộ hồ sơ hộ nghèo, cận nghèo của ấp sang bảng tính dùng chung để rà soát nhanh.",
        problem="Hồ sơ giấy thất lạc, mỗi đợt rà soát mất hai tuần đối chiếu thủ công.",
        solution="Tổ công nghệ số cộng đồng nhập liệu, cập nhật hằng tháng, chia sẻ cho UBND xã.",
        results="Rà soát năm 2025 còn ba ngày; không thất lạc hồ sơ nào.",
        category=InitiativeCategory.DIGITAL_GOVERNMENT,
        admin_unit_code="31843",
        submitter_name="Nguyễn Thị Hoa",
        submitter_phone="0913 456 789",
        submitter_email="hoa.nguyen@example.vn",
    )
    return replace(base, **changes)


async def submit(
    actor: Actor | None = None,
    *,
    now: datetime = NOW,
    address: str = ADDRESS,
    **changes: Any,
) -> Initiative:
    result = await initiatives.submit(
        actor or Actor.anonymous(), data=submission(**changes), client_addr=address, now=now
    )
    assert result.initiative is not None
    return result.initiative


async def accepted(system: Actor, **changes: Any) -> Initiative:
    """An initiative screened and accepted for review."""
    initiative = await submit(**changes)
    for target in (InitiativeStatus.SCREENING, InitiativeStatus.ACCEPTED_FOR_REVIEW):
        await initiatives.screen(system, initiative_id=initiative.id, to_status=target, now=NOW)
    return await Initiative.get(id=initiative.id)


async def ask_for_info(
    system: Actor, initiative_id: int, *, public_note: str, note: str = ""
) -> None:
    """Screen an initiative, then ask its submitter for more information."""
    await initiatives.screen(
        system, initiative_id=initiative_id, to_status=InitiativeStatus.SCREENING
    )
    await initiatives.screen(
        system,
        initiative_id=initiative_id,
        to_status=InitiativeStatus.NEEDS_INFO,
        note=note,
        public_note=public_note,
    )


@dataclass
class Committee:
    chair: User
    chair_actor: Actor
    members: list[tuple[User, Actor]]

    @property
    def users(self) -> list[User]:
        return [self.chair, *(u for u, _ in self.members)]

    @property
    def actors(self) -> list[Actor]:
        return [self.chair_actor, *(a for _, a in self.members)]


async def make_committee(size: int = 3, *, prefix: str = "hoidong") -> Committee:
    people = [await make_person(f"{prefix}.{i}", Role.COMMITTEE_MEMBER, "96") for i in range(size)]
    return Committee(people[0][0], people[0][1], people[1:])


async def open_round(
    system: Actor,
    committee: Committee,
    *,
    quorum: int | None = None,
    criteria: list[CriterionData] | None = None,
    opens_at: datetime = NOW - timedelta(days=1),
    closes_at: datetime = NOW + timedelta(days=14),
    reveal_ballots: bool = True,
    title: str = "Xét chọn sáng kiến chuyển đổi số năm 2025",
) -> RecognitionRound:
    return await rounds.create_round(
        system,
        data=RoundData(
            title=title,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            opens_at=opens_at,
            closes_at=closes_at,
            committee_user_ids=[u.id for u in committee.users],
            chair_user_id=committee.chair.id,
            criteria=criteria or [],
            quorum=quorum,
            reveal_ballots=reveal_ballots,
        ),
    )


CRITERIA = [
    CriterionData("novelty", 30, 10, "Tính mới", "Novelty"),
    CriterionData("effectiveness", 30, 10, "Hiệu quả", "Effectiveness"),
    CriterionData("replicability", 25, 10, "Khả năng nhân rộng", "Replicability"),
    CriterionData("reach", 15, 5, "Phạm vi ảnh hưởng", "Reach"),
]


def scores(
    novelty: float, effectiveness: float, replicability: float, reach: float
) -> list[tuple[str, float]]:
    return [
        ("novelty", novelty),
        ("effectiveness", effectiveness),
        ("replicability", replicability),
        ("reach", reach),
    ]


async def errors_of(awaitable: object) -> list[tuple[str | None, str]]:
    """The (field, code) pairs of the domain error ``awaitable`` raises."""
    with pytest.raises(DomainError) as caught:
        await awaitable  # type: ignore[misc]
    error = caught.value
    found = error.errors if isinstance(error, ValidationFailed) else [error]
    return [(e.field, e.code) for e in found]


async def nominated(system: Actor, round_id: int, **changes: Any) -> Nomination:
    initiative = await accepted(system, **changes)
    return await rounds.nominate(system, round_id=round_id, initiative_id=initiative.id, now=NOW)


async def chair_scored(
    system: Actor,
    committee: Committee,
    round_id: int,
    initiative_id: int,
    marks: tuple[float, float, float, float],
) -> Nomination:
    """The nomination of ``initiative_id`` in the round, with the chair's ballot of
    ``marks`` (novelty, effectiveness, replicability, reach)."""
    nomination = await rounds.nominate(
        system, round_id=round_id, initiative_id=initiative_id, now=NOW
    )
    await ballots.cast(
        committee.chair_actor, nomination_id=nomination.id, scores=scores(*marks), now=NOW
    )
    return nomination
