"""Mutations of recognition rounds: creation, nominations, ballots, closing, awards."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.permission import BasePermission
from strawberry.types import Info

from core.actor import Role
from recognition import awards as award_services
from recognition import ballots as ballot_services
from recognition import rounds as round_services
from recognition.models import Award, AwardLevel, Nomination, RecognitionRound
from recognition.rounds import CriterionData, RoundData
from schema.core.errors import UserError
from schema.core.ids import enum_value, required_int
from schema.core.inputs import to_domain
from schema.core.mutations import mutate
from schema.core.permissions import EDITORS, IsSignedInUser, has_role
from schema.recognition.round_types import BallotType, NominationType, RoundType, nomination_nodes
from schema.recognition.types import (
    AwardLevelEnum,
    AwardType,
)

COMMITTEE: list[type[BasePermission]] = [IsSignedInUser, has_role(Role.COMMITTEE_MEMBER)]


@strawberry.input
class CriterionInput:
    key: str
    label_vi: str
    label_en: str = ""
    weight: int
    max_score: int


@strawberry.input
class CreateRecognitionRoundInput:
    title: str
    period_start: date
    period_end: date
    opens_at: datetime
    closes_at: datetime
    committee_user_ids: list[relay.GlobalID] = strawberry.field(
        description="Users holding COMMITTEE_MEMBER."
    )
    chair_user_id: relay.GlobalID
    admin_unit_code: str | None = strawberry.field(
        default=None, description="Your scope by default."
    )
    criteria: list[CriterionInput] | None = strawberry.field(
        default=None,
        description="Default: novelty 30, effectiveness 30, replicability 25, reach 15 "
        "(weights), each scored out of 10.",
    )
    quorum: int | None = strawberry.field(
        default=None, description="Default: two thirds of the committee, rounded up."
    )
    reveal_ballots: bool = True


@strawberry.type
class RecognitionRoundPayload:
    round: RoundType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RoundInput:
    round_id: relay.GlobalID


@strawberry.input
class NominateInitiativeInput:
    round_id: relay.GlobalID
    initiative_id: relay.GlobalID


@strawberry.type
class NominationPayload:
    nomination: NominationType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class CriterionScoreInput:
    criterion: str
    score: float


@strawberry.input
class CastBallotInput:
    nomination_id: relay.GlobalID
    scores: list[CriterionScoreInput] = strawberry.field(default_factory=list)
    recuse: bool = False
    recusal_reason: str = ""
    comment: str = strawberry.field(
        default="", description="A note to the committee (up to 4,000 characters)."
    )
    expected_revision: int | None = strawberry.field(
        default=None,
        description="To revise your ballot, the revision you are replacing; omit for a first "
        "ballot.",
    )


@strawberry.type
class CastBallotPayload:
    ballot: BallotType | None = None
    auto_recused: bool = False
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class GrantAwardInput:
    nomination_id: relay.GlobalID
    level: AwardLevelEnum  # type: ignore[valid-type]
    citation: str


@strawberry.type
class AwardPayload:
    award: AwardType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def round_payload(row: RecognitionRound) -> RecognitionRoundPayload:
    return RecognitionRoundPayload(round=RoundType.from_model(row))


async def _round_step(
    info: Info, input: RoundInput, step: Callable[..., Awaitable[RecognitionRound]]
) -> RecognitionRoundPayload:
    """A step of a round's life after voting: ``close_round`` or ``finalize_round``."""

    async def work() -> RecognitionRound:
        round_id = required_int(input.round_id, "RecognitionRound", "roundId")
        return await step(info.context.actor, round_id=round_id)

    return await mutate(info, work, round_payload, RecognitionRoundPayload)


@strawberry.type
class RoundMutation:
    @strawberry.mutation(permission_classes=EDITORS)
    async def create_recognition_round(
        self, info: Info, input: CreateRecognitionRoundInput
    ) -> RecognitionRoundPayload:
        async def work() -> RecognitionRound:
            data = to_domain(
                input,
                RoundData,
                committee_user_ids=[
                    required_int(u, "User", "committeeUserIds") for u in input.committee_user_ids
                ],
                chair_user_id=required_int(input.chair_user_id, "User", "chairUserId"),
                criteria=[to_domain(c, CriterionData) for c in input.criteria or []],
            )
            return await round_services.create_round(info.context.actor, data=data)

        return await mutate(info, work, round_payload, RecognitionRoundPayload)

    @strawberry.mutation(
        description="Nominate an initiative accepted for review to an open round.",
        permission_classes=EDITORS,
    )
    async def nominate_initiative(
        self, info: Info, input: NominateInitiativeInput
    ) -> NominationPayload:
        async def work() -> Nomination:
            return await round_services.nominate(
                info.context.actor,
                round_id=required_int(input.round_id, "RecognitionRound", "roundId"),
                initiative_id=required_int(input.initiative_id, "Initiative", "initiativeId"),
            )

        async def present(row: Nomination) -> NominationPayload:
            nodes = await nomination_nodes(info, row.round, [row], ("nomination",))
            return NominationPayload(nomination=nodes[0])

        return await mutate(info, work, present, NominationPayload)

    @strawberry.mutation(
        description="Score a nomination (or recuse yourself). One ballot per member and "
        "nomination; revise it with expectedRevision until the round closes.",
        permission_classes=COMMITTEE,
    )
    async def cast_ballot(self, info: Info, input: CastBallotInput) -> CastBallotPayload:
        async def work() -> Any:
            return await ballot_services.cast(
                info.context.actor,
                nomination_id=required_int(input.nomination_id, "Nomination", "nominationId"),
                scores=[(s.criterion, s.score) for s in input.scores],
                recuse=input.recuse,
                recusal_reason=input.recusal_reason,
                comment=input.comment,
                expected_revision=input.expected_revision,
            )

        def present(outcome: Any) -> CastBallotPayload:
            ballot = BallotType.from_model(outcome.ballot)
            return CastBallotPayload(ballot=ballot, auto_recused=outcome.auto_recused)

        return await mutate(info, work, present, CastBallotPayload)

    @strawberry.mutation(
        description="Close a round (its chair, or a province admin or unit manager in scope): "
        "tally, rank and freeze the results.",
        permission_classes=[IsSignedInUser],
    )
    async def close_round(self, info: Info, input: RoundInput) -> RecognitionRoundPayload:
        return await _round_step(info, input, round_services.close_round)

    @strawberry.mutation(
        description="Declare a closed round's awards complete: nominations without an award "
        "become NOT_AWARDED.",
        permission_classes=[IsSignedInUser],
    )
    async def finalize_round(self, info: Info, input: RoundInput) -> RecognitionRoundPayload:
        return await _round_step(info, input, round_services.finalize_round)

    @strawberry.mutation(
        description="Award a nomination of a closed round that reached quorum.",
        permission_classes=EDITORS,
    )
    async def grant_award(self, info: Info, input: GrantAwardInput) -> AwardPayload:
        async def work() -> Award:
            return await award_services.grant(
                info.context.actor,
                nomination_id=required_int(input.nomination_id, "Nomination", "nominationId"),
                level=AwardLevel(enum_value(input.level)),
                citation=input.citation,
            )

        return await mutate(
            info, work, lambda row: AwardPayload(award=AwardType.from_model(row)), AwardPayload
        )
