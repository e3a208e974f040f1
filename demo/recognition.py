"""Demo initiatives and recognition rounds (development only).

Thirteen initiatives from communes and wards of Cà Mau at every stage of the workflow;
a closed round (the first half of the year) with its results, three awards and
replications; an open round whose committee includes the demo ``hoidong`` account and
``hoidong2`` to ``hoidong5``, none of whom has scored yet, so a newcomer can sign in and
vote (one member outside those logins has scored two nominations, so the chair sees who
voted). Everything goes through the services, so the audit trail
and the workflow history look real.

Deterministic for a given ``today`` (the open round runs from a week before it to a month
after it; everything else has fixed dates) and idempotent: a second run finds the closed
round and stops. Like every service, it does not commit: the caller wraps it in one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from accounts import services as accounts
from accounts.models import User
from core.actor import Actor, Role
from core.clock import in_vietnam, today_in_vietnam
from demo.accounts import DEMO_PASSWORD
from demo.recognition_data import (
    AWARDS,
    CLOSED_BALLOTS,
    CLOSED_COMMITTEE,
    CLOSED_NOMINEES,
    CLOSED_ROUND,
    COMMITTEE,
    IDEAS,
    OPEN_NOMINEES,
    OPEN_ROUND,
    PUBLIC_NOTES,
    REPLICATIONS,
    STAGES,
    DemoInitiative,
)
from network.models import AdminUnit, Organization, OrganizationKind
from recognition import awards, ballots, initiatives, rounds
from recognition.initiatives import SubmissionData
from recognition.models import Initiative, InitiativeStatus, RecognitionRound
from recognition.rounds import RoundData

S = InitiativeStatus
DEMO_ADDRESS = "demo-seed"
CRITERIA = ("novelty", "effectiveness", "replicability", "reach")


@dataclass
class DemoRecognition:
    created: bool
    initiatives: int = 0
    rounds: int = 0
    awards: int = 0
    replications: int = 0
    committee: list[str] = field(default_factory=list)


async def _committee(actor: Actor, root: AdminUnit) -> tuple[list[User], list[User]]:
    """The closed round's committee (the first members and demo.accounts' ``hoidong``)
    and the open round's (everyone)."""
    users = []
    for username, name in COMMITTEE:
        user = await User.get_or_none(username=username)
        if user is None:
            user = await accounts.create_user(
                actor,
                username=username,
                password=DEMO_PASSWORD,
                display_name=name,
                roles=[Role.COMMITTEE_MEMBER],
                scope_code=root.code,
            )
        users.append(user)
    closed = users[:CLOSED_COMMITTEE]
    demo_member = await User.get_or_none(username="hoidong")  # from demo.accounts
    if demo_member is not None and Role.COMMITTEE_MEMBER in demo_member.roles:
        closed.append(demo_member)
        users.append(demo_member)
    return closed, users


async def _submit(idea: DemoInitiative) -> Initiative:
    organization = await Organization.filter(
        admin_unit__code=idea.unit, kind=OrganizationKind.PEOPLES_COMMITTEE, is_active=True
    ).first()
    submission = await initiatives.submit(
        Actor.anonymous(),
        data=SubmissionData(
            title=idea.title,
            summary=idea.summary,
            problem=idea.problem,
            solution=idea.solution,
            results=idea.results,
            category=idea.category,
            admin_unit_code=idea.unit,
            submitter_name=idea.submitter,
            submitter_phone=idea.phone,
        ),
        client_addr=f"{DEMO_ADDRESS}:{idea.key}",
        now=in_vietnam(idea.submitted, 9),
    )
    initiative = submission.initiative
    if initiative is None:
        raise RuntimeError("the demo submission was taken for a robot")
    if organization is not None:
        await Initiative.filter(id=initiative.id).update(organization_id=organization.id)
    await Initiative.filter(id=initiative.id).update(created_at=in_vietnam(idea.submitted, 9))
    return initiative


async def _screen(
    actor: Actor, initiative: Initiative, steps: tuple[InitiativeStatus, ...], day: date
) -> None:
    for offset, target in enumerate(steps, start=1):
        await initiatives.screen(
            actor,
            initiative_id=initiative.id,
            to_status=target,
            public_note=PUBLIC_NOTES.get(target, ""),
            now=in_vietnam(day + timedelta(days=offset), 9),
        )


async def seed_demo_recognition(
    actor: Actor, root: AdminUnit, *, today: date | None = None
) -> DemoRecognition:
    """Add the demo initiatives and rounds once (see the module docstring)."""
    if await RecognitionRound.exists(title=CLOSED_ROUND):
        return DemoRecognition(created=False)
    today = today or today_in_vietnam()
    closed_committee, committee = await _committee(actor, root)
    chair = committee[0]
    added = {idea.key: await _submit(idea) for idea in IDEAS}
    by_key = {idea.key: idea for idea in IDEAS}
    for key in (*CLOSED_NOMINEES, *OPEN_NOMINEES):
        await _screen(
            actor, added[key], (S.SCREENING, S.ACCEPTED_FOR_REVIEW), by_key[key].submitted
        )
    for key, steps in STAGES.items():
        await _screen(actor, added[key], steps, by_key[key].submitted)

    closed = await rounds.create_round(
        actor,
        data=RoundData(
            title=CLOSED_ROUND,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 6, 30),
            opens_at=in_vietnam(date(2025, 7, 1)),
            closes_at=in_vietnam(date(2025, 8, 31), 23, 59),
            committee_user_ids=[u.id for u in closed_committee],
            chair_user_id=chair.id,
            admin_unit_code=root.code,
            quorum=3,
        ),
    )
    seats = [accounts.actor_for_user(u, root) for u in closed_committee]
    voting_day = in_vietnam(date(2025, 8, 20), 9)
    nominations: dict[str, int] = {}
    for key in CLOSED_NOMINEES:
        nomination = await rounds.nominate(
            actor,
            round_id=closed.id,
            initiative_id=added[key].id,
            now=in_vietnam(date(2025, 7, 2), 9),
        )
        for seat, values in zip(seats, CLOSED_BALLOTS[key], strict=False):
            if values is not None:
                await ballots.cast(
                    seat,
                    nomination_id=nomination.id,
                    scores=list(
                        zip(
                            ("novelty", "effectiveness", "replicability", "reach"),
                            values,
                            strict=True,
                        )
                    ),
                    now=voting_day,
                )
        nominations[key] = nomination.id
    await rounds.close_round(actor, round_id=closed.id, now=in_vietnam(date(2025, 9, 1), 9))
    award_count = 0
    for key, level, citation in AWARDS:
        await awards.grant(
            actor,
            nomination_id=nominations[key],
            level=level,
            citation=citation,
            now=in_vietnam(date(2025, 9, 5), 9),
        )
        award_count += 1
    await rounds.finalize_round(actor, round_id=closed.id, now=in_vietnam(date(2025, 9, 6), 9))

    replications = 0
    for key, unit_code, started, status in REPLICATIONS:
        organization = await Organization.filter(
            admin_unit__code=unit_code, kind=OrganizationKind.PEOPLES_COMMITTEE, is_active=True
        ).first()
        if organization is None:  # the demo Network (demo.network) was not seeded
            continue
        await awards.record_replication(
            actor,
            initiative_id=added[key].id,
            organization_id=organization.id,
            started_at=started,
            status=status,
            today=max(today, started),
        )
        replications += 1

    opened = await rounds.create_round(
        actor,
        data=RoundData(
            title=f"{OPEN_ROUND} năm {today.year}",
            period_start=date(2025, 7, 1),
            period_end=date(2025, 12, 31),
            opens_at=in_vietnam(today - timedelta(days=7)),
            closes_at=in_vietnam(today + timedelta(days=30), 23, 59),
            committee_user_ids=[u.id for u in committee],
            chair_user_id=chair.id,
            admin_unit_code=root.code,
            quorum=3,  # as in the closed round, whatever the size of the demo committee
        ),
    )
    now = in_vietnam(today - timedelta(days=6), 9)
    for index, key in enumerate(OPEN_NOMINEES):
        nomination = await rounds.nominate(
            actor, round_id=opened.id, initiative_id=added[key].id, now=now
        )
        if index < 2:  # some ballots are in; the demo committee account has not voted yet
            await ballots.cast(
                seats[1],
                nomination_id=nomination.id,
                scores=[
                    ("novelty", 8),
                    ("effectiveness", 7 + index),
                    ("replicability", 8),
                    ("reach", 7),
                ],
                now=now,
            )
    return DemoRecognition(
        created=True,
        initiatives=len(added),
        rounds=2,
        awards=award_count,
        replications=replications,
        committee=[u.username for u in committee],
    )
