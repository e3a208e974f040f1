"""Per-request DataLoaders for recognition, one small class per relation.

Lists prefetch what their selection needs (see ``queries.py``); these loaders serve
single objects and nested fields, batching every ``load`` of a tick into one query.
They live on the request context under ``recognition_loaders`` (created on first use),
so the shared ``schema.loaders.Loaders`` needs no change.
"""

from __future__ import annotations

from typing import TypeVar

from strawberry.types import Info
from tortoise.models import Model

from recognition.models import (
    Award,
    BallotRevision,
    Initiative,
    InitiativeAttachment,
    InitiativeTransition,
    RecognitionRound,
    Replication,
    RoundCommittee,
    RoundCriterion,
    RoundResult,
)
from schema.loaders import ByIdLoader, GroupedLoader, OneByLoader

ModelT = TypeVar("ModelT", bound=Model)
_ATTRIBUTE = "recognition_loaders"


class InitiativeByIdLoader(ByIdLoader[Initiative]):
    model = Initiative


class RoundByIdLoader(ByIdLoader[RecognitionRound]):
    model = RecognitionRound


class AttachmentsByInitiativeLoader(GroupedLoader[InitiativeAttachment]):
    model = InitiativeAttachment
    key = "initiative_id"


class TransitionsByInitiativeLoader(GroupedLoader[InitiativeTransition]):
    model = InitiativeTransition
    key = "initiative_id"


class ReplicationsByInitiativeLoader(GroupedLoader[Replication]):
    model = Replication
    key = "initiative_id"
    related = ("organization",)


class CriteriaByRoundLoader(GroupedLoader[RoundCriterion]):
    model = RoundCriterion
    key = "round_id"


class CommitteeByRoundLoader(GroupedLoader[RoundCommittee]):
    model = RoundCommittee
    key = "round_id"
    related = ("user",)


class RevisionsByBallotLoader(GroupedLoader[BallotRevision]):
    model = BallotRevision
    key = "ballot_id"


class ResultByNominationLoader(OneByLoader[RoundResult]):
    model = RoundResult
    key = "nomination_id"


class AwardByNominationLoader(OneByLoader[Award]):
    model = Award
    key = "nomination_id"


class RecognitionLoaders:
    def __init__(self) -> None:
        self.initiative_by_id = InitiativeByIdLoader()
        self.round_by_id = RoundByIdLoader()
        self.attachments_by_initiative = AttachmentsByInitiativeLoader()
        self.transitions_by_initiative = TransitionsByInitiativeLoader()
        self.replications_by_initiative = ReplicationsByInitiativeLoader()
        self.criteria_by_round = CriteriaByRoundLoader()
        self.committee_by_round = CommitteeByRoundLoader()
        self.revisions_by_ballot = RevisionsByBallotLoader()
        self.result_by_nomination = ResultByNominationLoader()
        self.award_by_nomination = AwardByNominationLoader()


def loaders(info: Info) -> RecognitionLoaders:
    """This request's recognition loaders (made on first use)."""
    context = info.context
    found = getattr(context, _ATTRIBUTE, None)
    if not isinstance(found, RecognitionLoaders):
        found = RecognitionLoaders()
        setattr(context, _ATTRIBUTE, found)
    return found
