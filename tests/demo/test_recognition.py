"""The demo recognition data: every stage present, idempotent, no personal data leaks."""

from __future__ import annotations

from datetime import date

from core.actor import Actor
from demo.recognition import seed_demo_recognition
from network import organizations
from network.models import AdminUnit, OrganizationKind
from network.organizations import OrganizationData
from recognition.models import (
    Award,
    Ballot,
    Initiative,
    InitiativeStatus,
    RecognitionRound,
    Replication,
    RoundCommittee,
    RoundResult,
    RoundStatus,
)

S = InitiativeStatus


async def test_demo_covers_every_stage_and_runs_once(tree: AdminUnit, system: Actor) -> None:
    for code, name in (("31849", "UBND Xã Ninh Quới"), ("31825", "UBND Phường Bạc Liêu")):
        await organizations.create(
            system,
            data=OrganizationData(
                name=name, kind=OrganizationKind.PEOPLES_COMMITTEE, admin_unit_code=code
            ),
        )

    first = await seed_demo_recognition(system, tree, today=date(2026, 11, 26))
    again = await seed_demo_recognition(system, tree, today=date(2026, 11, 26))

    assert (first.created, first.initiatives, first.rounds, first.awards) == (True, 13, 2, 3)
    assert first.replications == 2  # only where a People's Committee exists
    assert first.committee == [
        "hoidong.chutich",
        "hoidong.b",
        "hoidong.c",
        "hoidong2",
        "hoidong3",
        "hoidong4",
        "hoidong5",
    ]
    assert again.created is False
    statuses = {i.title: i.status for i in await Initiative.all()}
    assert len(statuses) == 13
    assert set(statuses.values()) == set(S)  # every stage of the workflow
    assert statuses["Số hóa hồ sơ hộ nghèo ấp Tân Phong"] == S.AWARDED
    assert statuses["Bản đồ số điểm sạt lở bờ biển Xã Đất Mũi"] == S.NOT_AWARDED
    closed, opened = await RecognitionRound.all().order_by("id")
    assert (closed.status, opened.status) == (RoundStatus.FINALIZED, RoundStatus.OPEN)
    assert opened.title.endswith("năm 2026")
    results = await RoundResult.filter(round_id=closed.id)
    assert sorted((r.rank or 99, r.has_quorum) for r in results) == [
        (1, True),
        (2, True),
        (3, True),
        (4, True),
        (99, False),
    ]
    assert await Award.all().count() == 3
    assert await Replication.all().count() == 2
    assert await Ballot.filter(nomination__round_id=opened.id).count() == 2
    # the open round's committee logins hoidong2..hoidong5 have a clean slate
    assert not await Ballot.filter(
        nomination__round_id=opened.id, voter__username__in=first.committee[3:]
    ).exists()
    assert await RoundCommittee.filter(round_id=opened.id).count() == 7
    assert await RoundCommittee.filter(round_id=closed.id).count() == 3
