"""GraphQL types of recognition rounds: criteria, committee, nominations, sealed ballots,
frozen results. Per-viewer parts of nominations are computed for a whole page at once
(``nomination_nodes``)."""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from core.errors import DomainError
from recognition import ballots as ballot_services
from recognition import rounds as round_services
from recognition.ballots import AUTO_CONFLICT, Vote
from recognition.models import (
    Award,
    Ballot,
    BallotRevision,
    Nomination,
    RecognitionRound,
    RoundCommittee,
    RoundCriterion,
    RoundResult,
    RoundStatus,
)
from schema.core.ids import node_key, nodes_read_by
from schema.core.loaders import loader
from schema.core.outputs import from_row, prefetched
from schema.core.pagination import Connection, page_of, remap, selects
from schema.network.admin_units import AdminUnitType, admin_unit_of
from schema.recognition.loaders import (
    AwardByNominationLoader,
    CommitteeByRoundLoader,
    CriteriaByRoundLoader,
    RevisionsByBallotLoader,
    RoundByIdLoader,
)
from schema.recognition.types import (
    AwardType,
    InitiativeType,
    RoundStatusEnum,
    global_id,
)


@strawberry.type(name="RecognitionCriterion")
class CriterionType:
    key: str
    label: str = strawberry.field(description="In the caller's language.")
    label_vi: str
    label_en: str
    weight: int
    max_score: int

    @classmethod
    def from_model(cls, row: RoundCriterion, lang: str) -> CriterionType:
        return from_row(
            cls,
            row,
            label=row.label_en if lang == "en" and row.label_en else row.label_vi,
        )


@strawberry.type(name="CommitteeSeat")
class CommitteeSeatType:
    user_id: strawberry.ID
    display_name: str
    is_chair: bool

    @classmethod
    def from_model(cls, row: RoundCommittee) -> CommitteeSeatType:
        return cls(
            user_id=strawberry.ID(global_id("User", row.user_id)),
            display_name=row.user.display_name,
            is_chair=row.is_chair,
        )


@strawberry.type(name="CriterionScore", description="Lists of scores are sorted by criterion key.")
class CriterionScoreType:
    criterion: str
    score: float


def _scores(values: dict[str, Any]) -> list[CriterionScoreType]:
    """Sorted by criterion key, the same on every database (JSONB does not keep key order)."""
    return [CriterionScoreType(criterion=k, score=float(values[k])) for k in sorted(values)]


@strawberry.type(name="BallotRevision")
class BallotRevisionType:
    revision: int
    scores: list[CriterionScoreType]
    recused: bool
    comment: str
    at: datetime

    @classmethod
    def from_model(cls, row: BallotRevision) -> BallotRevisionType:
        return from_row(cls, row, scores=_scores(row.scores))


@strawberry.type(name="Ballot")
class BallotType:
    id: strawberry.ID
    revision: int = strawberry.field(description="Pass it as expectedRevision to revise.")
    recused: bool
    auto_recused: bool = strawberry.field(
        description="Recused automatically: the voter submitted the initiative or belongs "
        "to its organisation."
    )
    recusal_reason: str | None
    scores: list[CriterionScoreType]
    comment: str = strawberry.field(
        description="The member's note to the committee, sealed with the scores."
    )
    voter_name: str | None = strawberry.field(description="Shown on revealed ballots.")
    cast_at: datetime
    updated_at: datetime

    @classmethod
    def from_model(cls, row: Ballot, *, with_voter: bool = False) -> BallotType:
        return from_row(
            cls,
            row,
            id=strawberry.ID(str(row.id)),
            auto_recused=row.recusal_reason == AUTO_CONFLICT,
            recusal_reason=row.recusal_reason or None,
            scores=_scores(row.scores),
            voter_name=getattr(row, "voter_name", None) if with_voter else None,
            cast_at=row.created_at,
        )

    @strawberry.field(description="Every version of this ballot, oldest first.")
    async def revisions(self, info: Info) -> list[BallotRevisionType]:
        rows = await loader(info, RevisionsByBallotLoader).load(int(self.id))
        return [BallotRevisionType.from_model(r) for r in rows]


@strawberry.type(name="Vote", description="That a committee member voted; never the scores.")
class VoteType:
    voter_name: str
    recused: bool
    cast_at: datetime

    @classmethod
    def from_vote(cls, vote: Vote) -> VoteType:
        return from_row(cls, vote)


@strawberry.type(name="RoundResult", description="A nomination's tally, frozen at close.")
class RoundResultType:
    nomination_id: strawberry.ID
    rank: int | None = strawberry.field(description="Null without quorum.")
    score: float | None = strawberry.field(
        description="100 × Σ weight × mean(score / max) ÷ Σ weight over non-recused ballots."
    )
    has_quorum: bool
    ballots: int = strawberry.field(description="Non-recused ballots counted.")
    recusals: int
    criterion_means: list[CriterionScoreType]
    initiative: InitiativeType
    nomination_pk: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: RoundResult, info: Info) -> RoundResultType:
        return cls.of(row, InitiativeType.from_model(row.nomination.initiative, info))

    @classmethod
    def of(cls, row: RoundResult, initiative: InitiativeType) -> RoundResultType:
        """``row`` with its nomination's initiative already built."""
        return from_row(
            cls,
            row,
            nomination_pk=row.nomination_id,
            nomination_id=strawberry.ID(global_id("Nomination", row.nomination_id)),
            criterion_means=_scores(row.criterion_means),
            initiative=initiative,
        )

    @strawberry.field
    async def award(self, info: Info) -> AwardType | None:
        row = await loader(info, AwardByNominationLoader).load(self.nomination_pk)
        return AwardType.from_model(row) if row else None


@dataclass
class NominationExtras:
    """Per-viewer figures computed for a whole page at once; None = not visible."""

    own_ballot: Ballot | None = None
    votes: list[Vote] | None = None
    ballots: list[Ballot] | None = None
    result: RoundResult | None = None
    award: Award | None = None
    loaded: set[str] = field(default_factory=set)


@strawberry.type(name="Nomination", description="An initiative nominated to a round.")
class NominationType(relay.Node):
    id: relay.NodeID[int]
    nominated_at: datetime
    initiative: InitiativeType
    round_id: strawberry.Private[int]
    extras: strawberry.Private[NominationExtras]

    @classmethod
    def from_model(
        cls, nomination: Nomination, info: Info, extras: NominationExtras | None = None
    ) -> NominationType:
        return cls(
            id=nomination.id,
            nominated_at=nomination.created_at,
            initiative=InitiativeType.from_model(nomination.initiative, info),
            round_id=nomination.round_id,
            extras=extras or NominationExtras(),
        )

    @strawberry.field(description="Your own ballot (each member sees only theirs).")
    def my_ballot(self) -> BallotType | None:
        ballot = self.extras.own_ballot
        return BallotType.from_model(ballot) if ballot else None

    @strawberry.field(
        description="Who has voted, without scores: for the chair and editors; null otherwise."
    )
    def votes(self) -> list[VoteType] | None:
        if self.extras.votes is None:
            return None
        return [VoteType.from_vote(v) for v in self.extras.votes]

    @strawberry.field(description="How many ballots (recusals included): chair and editors.")
    def voted_count(self) -> int | None:
        return None if self.extras.votes is None else len(self.extras.votes)

    @strawberry.field(
        description="Every ballot with scores, once the round is closed, for the committee "
        "and editors (unless the round keeps ballots sealed); null otherwise."
    )
    def ballots(self) -> list[BallotType] | None:
        if self.extras.ballots is None:
            return None
        return [BallotType.from_model(b, with_voter=True) for b in self.extras.ballots]

    @strawberry.field(description="The frozen tally, once the round is closed.")
    def result(self, info: Info) -> RoundResultType | None:
        row = self.extras.result
        if row is None:
            return None
        return RoundResultType.of(row, self.initiative)

    @strawberry.field
    def award(self) -> AwardType | None:
        return AwardType.from_model(self.extras.award) if self.extras.award else None

    @strawberry.field(
        description="The round this nomination belongs to (whoever sees the nomination may "
        "see its round)."
    )
    async def round(self, info: Info) -> RoundType:
        return RoundType.from_model(await loader(info, RoundByIdLoader).require(self.round_id))

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[NominationType | None]:
        result: list[NominationType | None] = []
        for node_id in node_ids:
            try:
                nomination = await round_services.get_nomination(
                    info.context.actor, nomination_id=node_key(node_id)
                )
                result.extend(await nomination_nodes(info, nomination.round, [nomination], ()))
            except (DomainError, ValueError):
                result.append(None)
        return result


async def nomination_nodes(
    info: Info, round_: RecognitionRound, rows: Sequence[Nomination], prefix: tuple[str, ...]
) -> list[NominationType]:
    """Nominations with the per-viewer parts their selection asks for, a query per part
    for the whole page (never one per nomination)."""
    actor = info.context.actor
    ids = [n.id for n in rows]
    extras = {i: NominationExtras() for i in ids}

    def wants(*names: str) -> bool:
        return any(selects(info, *prefix, name) for name in names)

    if ids and wants("myBallot"):
        for nomination_id, ballot in (await ballot_services.own_ballots(actor, ids)).items():
            extras[nomination_id].own_ballot = ballot
    if ids and wants("votes", "votedCount", "ballots"):
        viewer = await ballot_services.viewer_of(actor, round_)
        if wants("votes", "votedCount"):
            votes = await ballot_services.votes(viewer, round_, ids)
            for i in ids:
                extras[i].votes = None if votes is None else votes.get(i, [])
        if wants("ballots"):
            revealed = await ballot_services.revealed_ballots(viewer, round_, ids)
            for i in ids:
                extras[i].ballots = None if revealed is None else revealed.get(i, [])
    if ids and wants("result") and round_.status != RoundStatus.OPEN:
        for row in await RoundResult.filter(nomination_id__in=ids):
            extras[row.nomination_id].result = row
    if ids and wants("award"):
        for award in await Award.filter(nomination_id__in=ids):
            extras[award.nomination_id].award = award
    return [NominationType.from_model(n, info, extras[n.id]) for n in rows]


@strawberry.type(name="RecognitionRound")
class RoundType(relay.Node):
    id: relay.NodeID[int]
    title: str
    period_start: date
    period_end: date
    opens_at: datetime
    closes_at: datetime
    quorum: int = strawberry.field(description="Non-recused ballots a nomination needs.")
    status: RoundStatusEnum  # type: ignore[valid-type]
    reveal_ballots: bool = strawberry.field(
        description="Whether the committee sees every ballot once the round is closed."
    )
    closed_at: datetime | None
    finalized_at: datetime | None
    admin_unit_id: strawberry.Private[int]
    row: strawberry.Private[RecognitionRound]

    @classmethod
    def from_model(cls, row: RecognitionRound) -> RoundType:
        return from_row(
            cls,
            row,
            row=row,
        )

    @strawberry.field(graphql_type=AdminUnitType)
    def admin_unit(self, info: Info) -> AdminUnitType | Awaitable[AdminUnitType]:
        return admin_unit_of(info, prefetched(self.row, "admin_unit"), self.admin_unit_id)

    @strawberry.field
    async def criteria(self, info: Info) -> list[CriterionType]:
        rows = await loader(info, CriteriaByRoundLoader).load(self.id)
        return [CriterionType.from_model(r, info.context.lang) for r in rows]

    @strawberry.field
    async def committee(self, info: Info) -> list[CommitteeSeatType]:
        rows = await loader(info, CommitteeByRoundLoader).load(self.id)
        return [CommitteeSeatType.from_model(r) for r in rows]

    @strawberry.field(description="Initiatives nominated to this round.")
    async def nominations(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[NominationType]:
        query = round_services.nominations_of(self.id).select_related("initiative")
        if selects(info, "edges", "node", "initiative", "adminUnit"):
            query = query.select_related("initiative__admin_unit")
        page, rows = await page_of(info, query, first=first, after=after)
        nodes = {n.id: n for n in await nomination_nodes(info, self.row, rows, ("edges", "node"))}
        return remap(page, lambda row: nodes[row.id])

    @strawberry.field(description="You sit on this round's committee.")
    async def viewer_on_committee(self, info: Info) -> bool:
        rows = await loader(info, CommitteeByRoundLoader).load(self.id)
        return any(r.user_id == info.context.actor.user_id for r in rows)

    @strawberry.field(description="You chair this round's committee.")
    async def viewer_is_chair(self, info: Info) -> bool:
        rows = await loader(info, CommitteeByRoundLoader).load(self.id)
        return any(r.user_id == info.context.actor.user_id and r.is_chair for r in rows)

    resolve_nodes = nodes_read_by(lambda actor, pk: round_services.get_round(actor, round_id=pk))
