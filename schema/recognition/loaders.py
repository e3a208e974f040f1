"""Per-request DataLoaders for recognition, one small class per relation.

Lists prefetch what their selection needs (see ``queries.py``); these loaders serve
single objects and nested fields, batching every ``load`` of a tick into one query.
Reach them with ``loader(info, InitiativeByIdLoader)`` (see ``schema.core.loaders``).
"""

from __future__ import annotations

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
from schema.core.loaders import ByIdLoader, GroupedLoader, OneByLoader


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
