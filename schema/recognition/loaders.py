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
from schema.core.loaders import by_id, grouped, one_by

InitiativeByIdLoader = by_id(Initiative)
RoundByIdLoader = by_id(RecognitionRound)
AttachmentsByInitiativeLoader = grouped(InitiativeAttachment, "initiative_id")
TransitionsByInitiativeLoader = grouped(InitiativeTransition, "initiative_id")
ReplicationsByInitiativeLoader = grouped(Replication, "initiative_id", related=("organization",))
CriteriaByRoundLoader = grouped(RoundCriterion, "round_id")
CommitteeByRoundLoader = grouped(RoundCommittee, "round_id", related=("user",))
RevisionsByBallotLoader = grouped(BallotRevision, "ballot_id")
ResultByNominationLoader = one_by(RoundResult, "nomination_id")
AwardByNominationLoader = one_by(Award, "nomination_id")
