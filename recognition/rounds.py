"""Recognition rounds: criteria, committee and quorum, nominations, closing and results.

Ballots are in ``recognition.ballots``; the arithmetic of closing is in
``recognition.tally``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from accounts import services as accounts
from core import audit
from core.actor import EDITOR_ROLES, Actor, Role
from core.clock import as_utc, utcnow
from core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from core.validation import require_length
from i18n import translate
from network import admin_units
from network.access import require_editor
from recognition import initiatives, tally, workflow
from recognition.access import require_editor_in_scope, require_reader
from recognition.models import (
    Ballot,
    Initiative,
    InitiativeStatus,
    Nomination,
    RecognitionRound,
    RoundCommittee,
    RoundCriterion,
    RoundResult,
    RoundStatus,
)

# (key, weight, maximum score); labels come from the catalogue (recognition.criterion.<key>).
DEFAULT_CRITERIA = (
    ("novelty", 30, 10),
    ("effectiveness", 30, 10),
    ("replicability", 25, 10),
    ("reach", 15, 10),
)
MAX_CRITERIA = 10
MAX_COMMITTEE = 50
_KEY = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class CriterionData:
    key: str
    weight: int
    max_score: int
    label_vi: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class RoundData:
    title: str
    period_start: date
    period_end: date
    opens_at: datetime
    closes_at: datetime
    committee_user_ids: Sequence[int]
    chair_user_id: int
    admin_unit_code: str | None = None
    criteria: Sequence[CriterionData] = field(default_factory=list)
    quorum: int | None = None
    reveal_ballots: bool = True


def default_criteria() -> list[CriterionData]:
    return [
        CriterionData(
            key=key,
            weight=weight,
            max_score=max_score,
            label_vi=translate(f"recognition.criterion.{key}", "vi"),
            label_en=translate(f"recognition.criterion.{key}", "en"),
        )
        for key, weight, max_score in DEFAULT_CRITERIA
    ]


def default_quorum(committee_size: int) -> int:
    """Two thirds of the committee, rounded up."""
    return max(1, math.ceil(2 * committee_size / 3))


def _clean_criteria(given: Sequence[CriterionData]) -> list[CriterionData] | None:
    """The round's criteria (the defaults when none are given); None when malformed."""
    criteria = list(given) or default_criteria()
    keys = [c.key for c in criteria]
    if len(criteria) > MAX_CRITERIA or len(set(keys)) != len(keys):
        return None
    cleaned = []
    for c in criteria:
        label_vi = " ".join((c.label_vi or "").split())
        label_en = " ".join((c.label_en or "").split()) or label_vi
        if not (
            _KEY.match(c.key)
            and 1 <= c.weight <= 100
            and 1 <= c.max_score <= 100
            and 1 <= len(label_vi) <= 200
            and len(label_en) <= 200
        ):
            return None
        cleaned.append(CriterionData(c.key, c.weight, c.max_score, label_vi, label_en))
    return cleaned


async def create_round(
    actor: Actor, *, data: RoundData, now: datetime | None = None
) -> RecognitionRound:
    """Open a round for the actor's unit (or a unit in scope) with its committee."""
    require_editor(actor)
    errors: list[DomainError] = []
    unit = None
    try:
        unit = await admin_units.get_in_scope(
            actor, code=data.admin_unit_code or actor.scope_code or ""
        )
    except DomainError as error:
        errors.append(error)
    title = ""
    try:
        title = require_length(data.title, field="title", low=5, high=200)
    except DomainError as error:
        errors.append(error)
    if data.period_end < data.period_start:
        errors.append(DomainError("INVALID_PERIOD", field="periodEnd"))
    opens_at, closes_at = as_utc(data.opens_at), as_utc(data.closes_at)
    if closes_at <= opens_at:
        errors.append(DomainError("INVALID_PERIOD", field="closesAt"))
    criteria = _clean_criteria(data.criteria)
    if criteria is None:
        errors.append(DomainError("INVALID_CRITERIA", field="criteria", max=MAX_CRITERIA))
    member_ids = list(dict.fromkeys(data.committee_user_ids))
    if not member_ids:
        errors.append(DomainError("REQUIRED", field="committeeUserIds"))
    elif len(member_ids) > MAX_COMMITTEE:
        errors.append(DomainError("INVALID_LENGTH", field="committeeUserIds", min=1, max=50))
    users = await accounts.active_users_by_ids(member_ids)
    if len(users) != len(member_ids):
        errors.append(NotFound("NOT_FOUND", field="committeeUserIds"))
    for user in users.values():
        if Role.COMMITTEE_MEMBER not in user.roles:
            errors.append(
                DomainError(
                    "COMMITTEE_ROLE_REQUIRED", field="committeeUserIds", username=user.username
                )
            )
    if member_ids and data.chair_user_id not in member_ids:
        errors.append(DomainError("CHAIR_NOT_IN_COMMITTEE", field="chairUserId"))
    size = len(member_ids)
    quorum = data.quorum if data.quorum is not None else default_quorum(size)
    if size and not 1 <= quorum <= size:
        errors.append(DomainError("INVALID_QUORUM", field="quorum", max=size))
    if errors or unit is None or criteria is None:
        raise ValidationFailed(errors)
    round_ = await RecognitionRound.create(
        title=title,
        admin_unit_id=unit.id,
        unit_path=unit.path,
        period_start=data.period_start,
        period_end=data.period_end,
        opens_at=opens_at,
        closes_at=closes_at,
        quorum=quorum,
        reveal_ballots=data.reveal_ballots,
        status=RoundStatus.OPEN,
        created_by_user_id=actor.user_id,
    )
    await RoundCriterion.bulk_create(
        [
            RoundCriterion(
                round_id=round_.id,
                key=c.key,
                label_vi=c.label_vi,
                label_en=c.label_en,
                weight=c.weight,
                max_score=c.max_score,
                position=position,
            )
            for position, c in enumerate(criteria)
        ]
    )
    await RoundCommittee.bulk_create(
        [
            RoundCommittee(round_id=round_.id, user_id=i, is_chair=i == data.chair_user_id)
            for i in member_ids
        ]
    )
    await audit.record(
        actor,
        "round.create",
        "RecognitionRound",
        round_.id,
        ["title", "period", "times", "criteria", "committee", "quorum"],
    )
    return round_


async def seat_of(round_id: int, user_id: int | None) -> RoundCommittee | None:
    if user_id is None:
        return None
    return await RoundCommittee.get_or_none(round_id=round_id, user_id=user_id)


async def get_all(actor: Actor, *, status: RoundStatus | None = None) -> QuerySet[RecognitionRound]:
    """Rounds of units in the actor's scope, and rounds whose committee they sit on."""
    require_reader(actor)
    visible = Q(unit_path__startswith=actor.scope_path or "\x00")
    if actor.user_id is not None:
        seats = await RoundCommittee.filter(user_id=actor.user_id).values_list(
            "round_id", flat=True
        )
        if seats:
            visible |= Q(id__in=list(seats))
    query = RecognitionRound.filter(visible)
    if status is not None:
        query = query.filter(status=status)
    return query.order_by("-opens_at", "-id")


async def get_round(actor: Actor, *, round_id: int, field: str = "roundId") -> RecognitionRound:
    require_reader(actor)
    round_ = await RecognitionRound.get_or_none(id=round_id)
    if round_ is None or not (
        actor.can_see(round_.unit_path) or await seat_of(round_.id, actor.user_id) is not None
    ):
        raise NotFound("ROUND_NOT_FOUND", field=field)
    return round_


async def get_nomination(
    actor: Actor, *, nomination_id: int, field: str = "nominationId"
) -> Nomination:
    """A nomination of a round the actor may read, its round and initiative loaded."""
    require_reader(actor)
    nomination = (
        await Nomination.filter(id=nomination_id).select_related("round", "initiative").first()
    )
    if nomination is None:
        raise NotFound("NOMINATION_NOT_FOUND", field=field)
    try:
        await get_round(actor, round_id=nomination.round_id)
    except NotFound:
        raise NotFound("NOMINATION_NOT_FOUND", field=field) from None
    return nomination


async def require_chair_or_editor(actor: Actor, round_: RecognitionRound) -> RoundCommittee | None:
    """Province admins and unit managers whose scope holds the round, or its chair."""
    if actor.has_role(*EDITOR_ROLES) and actor.can_see(round_.unit_path):
        return await seat_of(round_.id, actor.user_id)
    seat = await seat_of(round_.id, actor.user_id)
    if seat is None or not seat.is_chair or not actor.has_role(Role.COMMITTEE_MEMBER):
        raise PermissionDenied()
    return seat


async def nominate(
    actor: Actor, *, round_id: int, initiative_id: int, now: datetime | None = None
) -> Nomination:
    """Put an initiative accepted for review (or not awarded before) into an open round."""
    now = now or utcnow()
    round_ = await get_round(actor, round_id=round_id)
    require_editor_in_scope(actor, round_.unit_path, field="roundId")
    if round_.status != RoundStatus.OPEN or now >= round_.closes_at:
        raise DomainError("ROUND_CLOSED", field="roundId")
    initiative = await initiatives.get(actor, initiative_id=initiative_id, field="initiativeId")
    if not initiative.unit_path.startswith(round_.unit_path):
        raise PermissionDenied(
            "OUT_OF_SCOPE",
            field="initiativeId",
            code=initiative.unit_path.strip("/").split("/")[-1],
        )
    if initiative.status == InitiativeStatus.NOMINATED:
        raise DomainError("ALREADY_NOMINATED", field="initiativeId")
    workflow.require_allowed(
        initiative.status, InitiativeStatus.NOMINATED, workflow.Step.NOMINATE, field="initiativeId"
    )
    try:
        nomination = await Nomination.create(
            round_id=round_.id, initiative_id=initiative.id, nominated_by_user_id=actor.user_id
        )
    except IntegrityError:
        raise DomainError("ALREADY_NOMINATED", field="initiativeId") from None
    await workflow.move(
        actor,
        initiative,
        InitiativeStatus.NOMINATED,
        workflow.Step.NOMINATE,
        now=now,
        field="initiativeId",
    )
    await audit.record(
        actor, "nomination.create", "Nomination", nomination.id, ["round", "initiative"]
    )
    nomination.round, nomination.initiative = round_, initiative
    return nomination


def nominations_of(round_id: int) -> QuerySet[Nomination]:
    return Nomination.filter(round_id=round_id).order_by("id")


async def close_round(
    actor: Actor, *, round_id: int, now: datetime | None = None
) -> RecognitionRound:
    """Tally every nomination, freeze the results, settle nominations without quorum.

    The round row is locked, so a ballot being cast either lands before the tally or is
    refused after it (see ``ballots.cast``).
    """
    now = now or utcnow()
    round_ = await get_round(actor, round_id=round_id)
    await require_chair_or_editor(actor, round_)
    locked = await RecognitionRound.filter(id=round_.id).select_for_update().get()
    if locked.status != RoundStatus.OPEN:
        raise DomainError("ROUND_CLOSED", field="roundId")
    criteria = [
        tally.CriterionSpec(c.key, c.weight, c.max_score)
        for c in await RoundCriterion.filter(round_id=locked.id).order_by("position", "id")
    ]
    nominations = await Nomination.filter(round_id=locked.id).select_related("initiative")
    ballots: dict[int, list[tally.BallotInput]] = defaultdict(list)
    for ballot in await Ballot.filter(nomination__round_id=locked.id):
        ballots[ballot.nomination_id].append(
            tally.BallotInput(recused=ballot.recused, scores=ballot.scores)
        )
    tallies = {n.id: tally.tally(criteria, ballots[n.id], locked.quorum) for n in nominations}
    ranks = tally.rank(
        [
            tally.RankingEntry(n.id, tallies[n.id], n.initiative.created_at, n.initiative_id)
            for n in nominations
        ]
    )
    await RoundResult.bulk_create(
        [
            RoundResult(
                round_id=locked.id,
                nomination_id=n.id,
                ballots=tallies[n.id].ballots,
                recusals=tallies[n.id].recusals,
                has_quorum=tallies[n.id].has_quorum,
                score=tallies[n.id].score,
                criterion_means=tallies[n.id].criterion_means,
                rank=ranks[n.id],
            )
            for n in nominations
        ]
    )
    await workflow.move_many(
        actor,
        [n.initiative_id for n in nominations if not tallies[n.id].has_quorum],
        InitiativeStatus.NOMINATED,
        InitiativeStatus.NOT_AWARDED,
        workflow.Step.SETTLE,
        now=now,
    )
    locked.status, locked.closed_at, locked.closed_by_user_id = (
        RoundStatus.CLOSED,
        now,
        actor.user_id,
    )
    await locked.save(update_fields=["status", "closed_at", "closed_by_user_id"])
    await audit.record(actor, "round.close", "RecognitionRound", locked.id, ["status", "results"])
    return locked


async def finalize_round(
    actor: Actor, *, round_id: int, now: datetime | None = None
) -> RecognitionRound:
    """Declare the round's awards complete: nominations without an award become NOT_AWARDED."""
    now = now or utcnow()
    round_ = await get_round(actor, round_id=round_id)
    await require_chair_or_editor(actor, round_)
    locked = await RecognitionRound.filter(id=round_.id).select_for_update().get()
    if locked.status == RoundStatus.OPEN:
        raise DomainError("ROUND_STILL_OPEN", field="roundId")
    if locked.status == RoundStatus.FINALIZED:
        raise DomainError("ROUND_FINALIZED", field="roundId")
    rows = await Nomination.filter(round_id=locked.id).values("initiative_id")
    await workflow.move_many(
        actor,
        [int(row["initiative_id"]) for row in rows],
        InitiativeStatus.NOMINATED,
        InitiativeStatus.NOT_AWARDED,
        workflow.Step.SETTLE,
        now=now,
    )
    locked.status, locked.finalized_at = RoundStatus.FINALIZED, now
    await locked.save(update_fields=["status", "finalized_at"])
    await audit.record(actor, "round.finalize", "RecognitionRound", locked.id, ["status"])
    return locked


async def results(actor: Actor, *, round_id: int) -> tuple[RecognitionRound, list[RoundResult]]:
    """The frozen results, ranked; refused while the round is open."""
    round_ = await get_round(actor, round_id=round_id)
    if round_.status == RoundStatus.OPEN:
        raise DomainError("ROUND_STILL_OPEN", field="roundId")
    rows = await RoundResult.filter(round_id=round_.id).select_related(
        "nomination", "nomination__initiative"
    )
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, -(r.score or 0.0), r.id))
    return round_, rows


async def get_initiative_for_review(
    actor: Actor, *, initiative_id: int, field: str = "id"
) -> Initiative:
    """An initiative the actor may read: in their scope, or nominated to a round whose
    committee they sit on (committee members judge initiatives from anywhere)."""
    try:
        return await initiatives.get(actor, initiative_id=initiative_id, field=field)
    except NotFound:
        on_committee = (
            actor.user_id is not None
            and await Nomination.filter(
                initiative_id=initiative_id, round__committee__user_id=actor.user_id
            ).exists()
        )
        if not on_committee:
            raise
    return await Initiative.get(id=initiative_id)
