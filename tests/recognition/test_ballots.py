"""Ballots: validation, one per member (even under concurrency), revisions, automatic
recusal, sealed per viewer."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from accounts.models import User
from core.actor import Actor, Role
from core.errors import DomainError
from core.models import AuditEvent
from network.models import AdminUnit
from recognition import ballots, initiatives, rounds
from recognition.models import Ballot, BallotRevision, InitiativeStatus, Nomination
from tests.conftest import BACKEND
from tests.network.registry_data import build_registry
from tests.recognition.recognition_data import (
    CRITERIA,
    NOW,
    Committee,
    errors_of,
    make_committee,
    make_person,
    nominated,
    open_round,
    scores,
    submit,
)


async def _lone_voter(system: Actor) -> tuple[Actor, Nomination]:
    """A committee of one (its chair, who votes) and a nomination in its open round."""
    committee = await make_committee(1)
    round_ = await open_round(system, committee, criteria=CRITERIA)
    return committee.chair_actor, await nominated(system, round_.id)


async def _twenty_casts(
    voter: Actor, nomination: Nomination, done: str, **options: Any
) -> list[str]:
    """Twenty ballots cast at once, each in its own transaction: ``done`` or the error code."""

    async def attempt(i: int) -> str:
        try:
            async with in_transaction():
                await ballots.cast(
                    voter,
                    nomination_id=nomination.id,
                    scores=scores(i % 10, 5, 5, 3),
                    now=NOW,
                    **options,
                )
            return done
        except DomainError as error:
            return error.code

    return await asyncio.gather(*(attempt(i) for i in range(20)))


async def test_ballot_validation_membership_and_one_ballot_per_member(
    tree: AdminUnit, system: Actor
) -> None:
    committee = await make_committee(3)
    round_ = await open_round(system, committee, criteria=CRITERIA)
    nomination = await nominated(system, round_.id)
    _, outsider = await make_person("hoidong.khac", Role.COMMITTEE_MEMBER, "96")
    voter = committee.members[0][1]

    out_of_range = await errors_of(
        ballots.cast(voter, nomination_id=nomination.id, scores=scores(11, 8, -1, 5), now=NOW)
    )
    unknown = await errors_of(
        ballots.cast(
            voter,
            nomination_id=nomination.id,
            scores=[*scores(1, 1, 1, 1)[:3], ("beauty", 3)],
            now=NOW,
        )
    )
    non_member = await errors_of(
        ballots.cast(outsider, nomination_id=nomination.id, scores=scores(5, 5, 5, 5), now=NOW)
    )
    no_reason = await errors_of(
        ballots.cast(voter, nomination_id=nomination.id, recuse=True, recusal_reason=" ", now=NOW)
    )
    first = await ballots.cast(
        voter, nomination_id=nomination.id, scores=scores(8, 7, 9, 4), now=NOW
    )
    second = await errors_of(
        ballots.cast(voter, nomination_id=nomination.id, scores=scores(1, 1, 1, 1), now=NOW)
    )

    assert out_of_range == [
        ("scores.novelty", "SCORE_OUT_OF_RANGE"),
        ("scores.replicability", "SCORE_OUT_OF_RANGE"),
    ]
    assert unknown == [("scores", "INVALID_CHOICE"), ("scores.reach", "REQUIRED")]
    assert non_member == [("nominationId", "NOT_COMMITTEE_MEMBER")]
    assert no_reason == [("recusalReason", "REQUIRED")]
    assert (first.revised, first.auto_recused, first.ballot.revision) == (False, False, 1)
    assert second == [("nominationId", "BALLOT_ALREADY_CAST")]
    stored = await Ballot.get(nomination_id=nomination.id)
    assert stored.scores == {"novelty": 8, "effectiveness": 7, "replicability": 9, "reach": 4}
    assert await Ballot.all().count() == 1


async def test_a_ballot_is_revised_with_its_revisions_kept(tree: AdminUnit, system: Actor) -> None:
    committee = await make_committee(2)
    round_ = await open_round(system, committee, criteria=CRITERIA)
    nomination = await nominated(system, round_.id)
    voter = committee.chair_actor

    await ballots.cast(voter, nomination_id=nomination.id, scores=scores(5, 5, 5, 5), now=NOW)
    revised = await ballots.cast(
        voter, nomination_id=nomination.id, scores=scores(6, 6, 6, 3), expected_revision=1, now=NOW
    )
    stale = await errors_of(
        ballots.cast(
            voter,
            nomination_id=nomination.id,
            scores=scores(1, 1, 1, 1),
            expected_revision=1,
            now=NOW,
        )
    )
    recused = await ballots.cast(
        voter,
        nomination_id=nomination.id,
        recuse=True,
        recusal_reason="Tôi từng tư vấn cho nhóm tác giả",
        expected_revision=2,
        now=NOW,
    )

    assert (revised.revised, revised.ballot.revision) == (True, 2)
    assert stale == [("expectedRevision", "STALE_BALLOT_REVISION")]
    assert (recused.ballot.revision, recused.ballot.recused, recused.ballot.scores) == (3, True, {})
    history = await BallotRevision.filter(ballot_id=revised.ballot.id).order_by("revision")
    assert [(h.revision, h.recused, h.scores.get("reach")) for h in history] == [
        (1, False, 5),
        (2, False, 3),
        (3, True, None),
    ]
    actions = (
        await AuditEvent.filter(object_type="Ballot")
        .order_by("id")
        .values_list("action", "fields_changed")
    )
    assert actions == [
        ("ballot.cast", ["scores"]),
        ("ballot.revise", ["scores"]),
        ("ballot.revise", ["recusal_reason", "recused"]),
    ]


async def test_a_ballot_carries_a_comment_kept_with_each_revision(
    tree: AdminUnit, system: Actor
) -> None:
    voter, nomination = await _lone_voter(system)

    first = await ballots.cast(
        voter,
        nomination_id=nomination.id,
        scores=scores(5, 5, 5, 5),
        comment="  Mô hình tốt,\r\n\r\n\r\ncần số liệu  ",
        now=NOW,
    )
    revised = await ballots.cast(
        voter,
        nomination_id=nomination.id,
        scores=scores(6, 6, 6, 3),
        comment="Đã có số liệu",
        expected_revision=1,
        now=NOW,
    )
    too_long = await errors_of(
        ballots.cast(
            voter,
            nomination_id=nomination.id,
            scores=scores(6, 6, 6, 3),
            comment="x" * (ballots.MAX_COMMENT + 1),
            expected_revision=2,
            now=NOW,
        )
    )

    assert first.ballot.comment == "Mô hình tốt,\n\ncần số liệu"
    assert (await Ballot.get(id=revised.ballot.id)).comment == "Đã có số liệu"
    history = await BallotRevision.filter(ballot_id=first.ballot.id).order_by("revision")
    assert [h.comment for h in history] == ["Mô hình tốt,\n\ncần số liệu", "Đã có số liệu"]
    assert too_long == [("comment", "INVALID_LENGTH")]
    assert (await Ballot.get(id=first.ballot.id)).revision == 2
    changed = (
        await AuditEvent.filter(object_type="Ballot")
        .order_by("id")
        .values_list("fields_changed", flat=True)
    )
    assert list(changed) == [["comment", "scores"], ["comment", "scores"]]


async def test_submitter_and_colleagues_on_the_committee_are_recused_automatically(
    tree: AdminUnit, system: Actor
) -> None:
    registry = await build_registry(system)
    submitter_user, submitter = await make_person(
        "hoidong.tacgia", Role.COMMITTEE_MEMBER, "96", member_id=registry.an_xuyen_staff.id
    )
    colleague_user, colleague = await make_person(
        "hoidong.dongnghiep", Role.COMMITTEE_MEMBER, "96", member_id=registry.an_xuyen_officer.id
    )
    neutral_user, neutral = await make_person(
        "hoidong.doclap", Role.COMMITTEE_MEMBER, "96", member_id=registry.director.id
    )
    committee = Committee(
        neutral_user, neutral, [(submitter_user, submitter), (colleague_user, colleague)]
    )
    round_ = await open_round(system, committee, criteria=CRITERIA)
    mine = await submit(submitter, admin_unit_code=None, organization_id=registry.pc_an_xuyen.id)
    for target in (InitiativeStatus.SCREENING, InitiativeStatus.ACCEPTED_FOR_REVIEW):
        await initiatives.screen(system, initiative_id=mine.id, to_status=target)
    nomination = await rounds.nominate(system, round_id=round_.id, initiative_id=mine.id, now=NOW)

    own = await ballots.cast(
        submitter, nomination_id=nomination.id, scores=scores(10, 10, 10, 5), now=NOW
    )
    same_org = await ballots.cast(
        colleague, nomination_id=nomination.id, scores=scores(10, 10, 10, 5), now=NOW
    )
    independent = await ballots.cast(
        neutral, nomination_id=nomination.id, scores=scores(6, 6, 6, 3), now=NOW
    )

    assert (own.auto_recused, own.ballot.recused, own.ballot.recusal_reason, own.ballot.scores) == (
        True,
        True,
        "AUTO_CONFLICT",
        {},
    )
    assert (same_org.auto_recused, same_org.ballot.recused) == (True, True)
    assert (independent.auto_recused, independent.ballot.recused) == (False, False)


async def test_ballots_are_sealed_per_viewer_while_open(tree: AdminUnit, system: Actor) -> None:
    committee = await make_committee(3)
    round_ = await open_round(system, committee, criteria=CRITERIA)
    nomination = await nominated(system, round_.id)
    (first_user, first), (second_user, second) = committee.members
    await ballots.cast(first, nomination_id=nomination.id, scores=scores(8, 7, 9, 4), now=NOW)
    await ballots.cast(
        second, nomination_id=nomination.id, recuse=True, recusal_reason="Người quen", now=NOW
    )
    _, manager = await make_person("quanly.96", Role.UNIT_MANAGER, "96")
    _, staff = await make_person("canbo.96", Role.FIELD_STAFF, "96")
    ids = [nomination.id]

    own_first = await ballots.own_ballots(first, ids)
    own_chair = await ballots.own_ballots(committee.chair_actor, ids)
    chair_view = await ballots.viewer_of(committee.chair_actor, round_)
    member_view = await ballots.viewer_of(first, round_)
    staff_view = await ballots.viewer_of(staff, round_)

    assert own_first[nomination.id].voter_id == first_user.id
    assert own_chair == {}
    chair_votes = await ballots.votes(chair_view, round_, ids)
    assert chair_votes is not None
    assert [(v.voter_name, v.recused) for v in chair_votes[nomination.id]] == [
        ("Hoidong 1", False),
        ("Hoidong 2", True),
    ]
    assert not hasattr(chair_votes[nomination.id][0], "scores")
    assert await ballots.votes(member_view, round_, ids) is None
    assert await ballots.votes(staff_view, round_, ids) is None
    manager_view = await ballots.viewer_of(manager, round_)
    assert await ballots.votes(manager_view, round_, ids) is not None
    for view in (chair_view, member_view, manager_view):
        assert await ballots.revealed_ballots(view, round_, ids) is None

    await rounds.close_round(committee.chair_actor, round_id=round_.id, now=NOW)
    closed = await rounds.get_round(system, round_id=round_.id)
    revealed = await ballots.revealed_ballots(member_view, closed, ids)
    assert revealed is not None and len(revealed[nomination.id]) == 2
    assert await ballots.revealed_ballots(staff_view, closed, ids) is None
    assert second_user.id in {b.voter_id for b in revealed[nomination.id]}


async def test_sealed_rounds_never_reveal_ballots(tree: AdminUnit, system: Actor) -> None:
    committee = await make_committee(1)
    round_ = await open_round(system, committee, reveal_ballots=False)
    closed = await rounds.close_round(system, round_id=round_.id, now=NOW)
    view = await ballots.viewer_of(committee.chair_actor, closed)
    assert await ballots.revealed_ballots(view, closed, [1]) is None


async def test_twenty_concurrent_first_ballots_leave_exactly_one(
    tree: AdminUnit, system: Actor
) -> None:
    voter, nomination = await _lone_voter(system)

    started = time.perf_counter()
    outcomes = await _twenty_casts(voter, nomination, "cast")
    elapsed = time.perf_counter() - started

    assert sorted(outcomes) == ["BALLOT_ALREADY_CAST"] * 19 + ["cast"]
    assert await Ballot.filter(nomination_id=nomination.id).count() == 1
    assert await BallotRevision.all().count() == 1
    assert await AuditEvent.filter(action="ballot.cast").count() == 1
    print(f"\n20 concurrent castBallot on {BACKEND}: {elapsed * 1000:.0f} ms")


async def test_the_unique_constraint_alone_keeps_one_ballot_under_concurrency(
    tree: AdminUnit, system: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the "ballot exists?" pre-check disabled, all 20 requests race to INSERT."""
    voter, nomination = await _lone_voter(system)

    async def never_found(**_: object) -> None:
        return None

    monkeypatch.setattr(ballots.Ballot, "get_or_none", never_found)

    outcomes = await _twenty_casts(voter, nomination, "cast")

    monkeypatch.undo()
    assert sorted(outcomes) == ["BALLOT_ALREADY_CAST"] * 19 + ["cast"]
    assert await Ballot.filter(nomination_id=nomination.id).count() == 1
    assert await BallotRevision.all().count() == 1


async def test_twenty_concurrent_revisions_of_one_revision_leave_one_winner(
    tree: AdminUnit, system: Actor
) -> None:
    voter, nomination = await _lone_voter(system)
    await ballots.cast(voter, nomination_id=nomination.id, scores=scores(1, 1, 1, 1), now=NOW)

    outcomes = await _twenty_casts(voter, nomination, "revised", expected_revision=1)

    assert sorted(outcomes) == ["STALE_BALLOT_REVISION"] * 19 + ["revised"]
    ballot = await Ballot.get(nomination_id=nomination.id)
    assert ballot.revision == 2
    assert await BallotRevision.filter(ballot_id=ballot.id).count() == 2


async def test_the_database_refuses_a_second_ballot_row(tree: AdminUnit, system: Actor) -> None:
    committee = await make_committee(1)
    round_ = await open_round(system, committee)
    nomination = await nominated(system, round_.id)
    await Ballot.create(nomination_id=nomination.id, voter_id=committee.chair.id, scores={})
    with pytest.raises(IntegrityError):
        async with in_transaction():
            await Ballot.create(nomination_id=nomination.id, voter_id=committee.chair.id, scores={})


async def test_api_keys_cannot_vote(tree: AdminUnit, system: Actor) -> None:
    committee = await make_committee(1)
    round_ = await open_round(system, committee)
    nomination = await nominated(system, round_.id)
    key = Actor(kind="api_key", scope_path="/96/", scope_code="96", api_key_id=1)

    assert await errors_of(ballots.cast(key, nomination_id=nomination.id, now=NOW)) == [
        (None, "FORBIDDEN")
    ]
    assert await User.filter(id=committee.chair.id).exists()
