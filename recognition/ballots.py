"""Ballots: one per committee member and nomination, revisable while the round is open,
sealed until it closes.

- Uniqueness is the database's job: ``UNIQUE(nomination, voter)``. A first ballot is an
  INSERT; when a concurrent request inserted first, the INSERT fails and the caller is
  told a ballot already exists. A revision names the revision it replaces and is a
  conditional UPDATE (``WHERE revision = expected``), so two concurrent revisions cannot
  both win. Every version is kept in ``BallotRevision``.
- The round row is read under ``FOR SHARE`` on PostgreSQL (SQLite runs one transaction at
  a time), so ballots do not block each other but ``closeRound``'s ``FOR UPDATE`` waits
  for ballots in flight and later ballots see the round closed.
- A committee member who submitted the initiative, or belongs to its organisation, is
  recused automatically (reason ``AUTO_CONFLICT``) whatever they send.
- Sealed: while the round is open a member sees only their own ballot, the chair (and
  province admins or unit managers in scope) see who has voted but no scores. Once closed,
  the committee and those editors see every ballot unless the round keeps them sealed
  (``reveal_ballots = False``), in which case only the frozen results are shown.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.exceptions import IntegrityError

from accounts import services as accounts
from core import audit
from core.actor import EDITOR_ROLES, Actor, Role
from core.clock import utcnow
from core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from network.models import Member
from recognition.models import (
    Ballot,
    BallotRevision,
    Initiative,
    Nomination,
    RecognitionRound,
    RoundCriterion,
    RoundStatus,
)
from recognition.rounds import seat_of
from recognition.text import clean_long_text

AUTO_CONFLICT = "AUTO_CONFLICT"
MAX_REASON = 500
MAX_COMMENT = 4000


@dataclass(frozen=True)
class BallotOutcome:
    ballot: Ballot
    auto_recused: bool
    revised: bool


@dataclass(frozen=True)
class Vote:
    """That someone voted (or recused), never what they scored."""

    voter_name: str
    recused: bool
    cast_at: datetime


@dataclass(frozen=True)
class Viewer:
    on_committee: bool
    is_chair: bool
    is_editor: bool


async def viewer_of(actor: Actor, round_: RecognitionRound) -> Viewer:
    seat = await seat_of(round_.id, actor.user_id)
    return Viewer(
        on_committee=seat is not None,
        is_chair=seat is not None and seat.is_chair,
        is_editor=actor.has_role(*EDITOR_ROLES) and actor.can_see(round_.unit_path),
    )


async def _share_lock_round(round_id: int) -> None:
    connection = RecognitionRound._meta.db
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query(
            'SELECT "id" FROM "recognition_round" WHERE "id" = $1 FOR SHARE', [round_id]
        )


async def has_conflict(actor: Actor, initiative: Initiative) -> bool:
    """The voter submitted the initiative or belongs to its organisation."""
    if actor.member_id is None:
        return False
    if initiative.member_id == actor.member_id:
        return True
    if initiative.organization_id is None:
        return False
    return await Member.filter(
        id=actor.member_id, organization_id=initiative.organization_id
    ).exists()


def clean_scores(
    criteria: Sequence[RoundCriterion], scores: Sequence[tuple[str, float]]
) -> dict[str, float]:
    errors: list[DomainError] = []
    given: dict[str, float] = {}
    known = {c.key for c in criteria}
    for key, value in scores:
        if key not in known or key in given:
            errors.append(DomainError("INVALID_CHOICE", field="scores"))
            continue
        given[key] = float(value)
    for criterion in criteria:
        score = given.get(criterion.key)
        field = f"scores.{criterion.key}"
        if score is None:
            errors.append(DomainError("REQUIRED", field=field))
        elif not math.isfinite(score) or not 0 <= score <= criterion.max_score:
            errors.append(
                DomainError("SCORE_OUT_OF_RANGE", field=field, min=0, max=criterion.max_score)
            )
    if errors:
        raise ValidationFailed(errors)
    return given


async def cast(
    actor: Actor,
    *,
    nomination_id: int,
    scores: Sequence[tuple[str, float]] = (),
    recuse: bool = False,
    recusal_reason: str = "",
    comment: str = "",
    expected_revision: int | None = None,
    now: datetime | None = None,
) -> BallotOutcome:
    """Cast a first ballot, or revise one by naming the revision it replaces."""
    now = now or utcnow()
    note = clean_long_text(comment)
    if len(note) > MAX_COMMENT:
        raise ValidationFailed(
            [DomainError("INVALID_LENGTH", field="comment", min=0, max=MAX_COMMENT)]
        )
    if not actor.is_user or actor.user_id is None:
        raise PermissionDenied()
    nomination = await Nomination.get_or_none(id=nomination_id)
    if nomination is None:
        raise NotFound("NOMINATION_NOT_FOUND", field="nominationId")
    await _share_lock_round(nomination.round_id)
    round_ = await RecognitionRound.get(id=nomination.round_id)
    seat = await seat_of(round_.id, actor.user_id)
    if seat is None or not actor.has_role(Role.COMMITTEE_MEMBER):
        raise PermissionDenied("NOT_COMMITTEE_MEMBER", field="nominationId")
    if round_.status != RoundStatus.OPEN or now >= round_.closes_at:
        raise DomainError("ROUND_CLOSED", field="nominationId")
    if now < round_.opens_at:
        raise DomainError("ROUND_NOT_OPEN", field="nominationId")

    initiative = await Initiative.get(id=nomination.initiative_id)
    cleaned: dict[str, float]
    auto_recused = await has_conflict(actor, initiative)
    if auto_recused:
        recused, reason, cleaned = True, AUTO_CONFLICT, {}
    elif recuse:
        reason = clean_long_text(recusal_reason)
        if not reason:
            raise ValidationFailed([DomainError("REQUIRED", field="recusalReason")])
        if len(reason) > MAX_REASON:
            raise ValidationFailed(
                [DomainError("INVALID_LENGTH", field="recusalReason", min=1, max=MAX_REASON)]
            )
        recused, cleaned = True, {}
    else:
        criteria = await RoundCriterion.filter(round_id=round_.id)
        recused, reason, cleaned = False, "", clean_scores(criteria, scores)

    existing = await Ballot.get_or_none(nomination_id=nomination.id, voter_id=actor.user_id)
    if existing is None:
        if expected_revision is not None:
            raise DomainError("STALE_BALLOT_REVISION", field="expectedRevision", revision=0)
        try:
            ballot = await Ballot.create(
                nomination_id=nomination.id,
                voter_id=actor.user_id,
                scores=cleaned,
                recused=recused,
                recusal_reason=reason,
                comment=note,
                revision=1,
            )
        except IntegrityError:  # a concurrent request cast this member's ballot first
            raise DomainError("BALLOT_ALREADY_CAST", field="nominationId") from None
    else:
        if expected_revision is None:
            raise DomainError("BALLOT_ALREADY_CAST", field="nominationId")
        if expected_revision != existing.revision:
            raise DomainError(
                "STALE_BALLOT_REVISION", field="expectedRevision", revision=existing.revision
            )
        updated = await Ballot.filter(id=existing.id, revision=expected_revision).update(
            scores=cleaned,
            recused=recused,
            recusal_reason=reason,
            comment=note,
            revision=expected_revision + 1,
            updated_at=now,
        )
        if not updated:
            raise DomainError(
                "STALE_BALLOT_REVISION", field="expectedRevision", revision=expected_revision + 1
            )
        ballot = existing
        ballot.scores, ballot.recused, ballot.recusal_reason = cleaned, recused, reason
        ballot.comment = note
        ballot.revision, ballot.updated_at = expected_revision + 1, now
    await BallotRevision.create(
        ballot_id=ballot.id,
        revision=ballot.revision,
        scores=cleaned,
        recused=recused,
        recusal_reason=reason,
        comment=note,
    )
    action = "ballot.revise" if existing is not None else "ballot.cast"
    changed = ["recused", "recusal_reason"] if recused else ["scores"]
    if note:
        changed.append("comment")
    await audit.record(actor, action, "Ballot", ballot.id, changed)
    return BallotOutcome(ballot=ballot, auto_recused=auto_recused, revised=existing is not None)


async def own_ballots(actor: Actor, nomination_ids: Sequence[int]) -> dict[int, Ballot]:
    """The viewer's own ballot per nomination (sealed rounds show nothing else)."""
    if actor.user_id is None or not nomination_ids:
        return {}
    rows = await Ballot.filter(nomination_id__in=list(nomination_ids), voter_id=actor.user_id)
    return {b.nomination_id: b for b in rows}


async def votes(
    viewer: Viewer, round_: RecognitionRound, nomination_ids: Sequence[int]
) -> dict[int, list[Vote]] | None:
    """Who has voted on each nomination, for the chair and editors; None for others."""
    if not (viewer.is_chair or viewer.is_editor):
        return None
    grouped: dict[int, list[Vote]] = {i: [] for i in nomination_ids}
    if not nomination_ids:
        return grouped
    rows = (
        await Ballot.filter(nomination_id__in=list(nomination_ids))
        .order_by("id")
        .annotate(voter_name=accounts.display_name_of("voter"))
        .values("nomination_id", "recused", "created_at", "voter_name")
    )
    for row in rows:
        grouped[row["nomination_id"]].append(
            Vote(row["voter_name"], row["recused"], row["created_at"])
        )
    return grouped


async def revealed_ballots(
    viewer: Viewer, round_: RecognitionRound, nomination_ids: Sequence[int]
) -> dict[int, list[Ballot]] | None:
    """Every ballot with its scores and its ``voter_name`` (asked of accounts, in the same
    query), once the round is closed, for the committee and editors, unless the round keeps
    ballots sealed; None otherwise."""
    if round_.status == RoundStatus.OPEN or not round_.reveal_ballots:
        return None
    if not (viewer.on_committee or viewer.is_editor):
        return None
    grouped: dict[int, list[Ballot]] = defaultdict(list)
    if nomination_ids:
        rows = await Ballot.filter(nomination_id__in=list(nomination_ids)).annotate(
            voter_name=accounts.display_name_of("voter")
        )
        for row in sorted(rows, key=lambda b: b.id):
            grouped[row.nomination_id].append(row)
    return {i: grouped[i] for i in nomination_ids}


async def revisions_of(ballot_ids: Sequence[int]) -> dict[int, list[BallotRevision]]:
    grouped: dict[int, list[BallotRevision]] = {i: [] for i in ballot_ids}
    for row in await BallotRevision.filter(ballot_id__in=list(ballot_ids)).order_by("revision"):
        grouped[row.ballot_id].append(row)
    return grouped
