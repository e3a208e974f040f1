"""Per-request DataLoaders for recognition, one small class per relation.

Lists prefetch what their selection needs (see ``queries.py``); these loaders serve
single objects and nested fields, batching every ``load`` of a tick into one query.
They live on the request context under ``recognition_loaders`` (created on first use),
so the shared ``schema.loaders.Loaders`` needs no change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Generic, TypeVar

from strawberry.dataloader import DataLoader
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

ModelT = TypeVar("ModelT", bound=Model)
_ATTRIBUTE = "recognition_loaders"


class _ById(DataLoader[int, ModelT | None], Generic[ModelT]):
    model: type[ModelT]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[int]) -> list[ModelT | None]:
        rows = {row.pk: row for row in await self.model.filter(id__in=list(set(ids)))}
        return [rows.get(i) for i in ids]


class _Grouped(DataLoader[int, list[ModelT]], Generic[ModelT]):
    """Rows grouped by one foreign key, in the model's order."""

    model: type[ModelT]
    key: str
    related: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[ModelT]]:
        grouped: dict[int, list[ModelT]] = defaultdict(list)
        query = self.model.filter(**{f"{self.key}__in": list(set(keys))})
        if self.related:
            query = query.select_related(*self.related)
        for row in await query:
            grouped[getattr(row, self.key)].append(row)
        return [grouped[k] for k in keys]


class _OneBy(DataLoader[int, ModelT | None], Generic[ModelT]):
    """The row whose unique foreign key ``key`` matches."""

    model: type[ModelT]
    key: str

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[ModelT | None]:
        rows = await self.model.filter(**{f"{self.key}__in": list(set(keys))})
        found = {getattr(row, self.key): row for row in rows}
        return [found.get(k) for k in keys]


class InitiativeByIdLoader(_ById[Initiative]):
    model = Initiative


class RoundByIdLoader(_ById[RecognitionRound]):
    model = RecognitionRound


class AttachmentsByInitiativeLoader(_Grouped[InitiativeAttachment]):
    model = InitiativeAttachment
    key = "initiative_id"


class TransitionsByInitiativeLoader(_Grouped[InitiativeTransition]):
    model = InitiativeTransition
    key = "initiative_id"


class ReplicationsByInitiativeLoader(_Grouped[Replication]):
    model = Replication
    key = "initiative_id"
    related = ("organization",)


class CriteriaByRoundLoader(_Grouped[RoundCriterion]):
    model = RoundCriterion
    key = "round_id"


class CommitteeByRoundLoader(_Grouped[RoundCommittee]):
    model = RoundCommittee
    key = "round_id"
    related = ("user",)


class RevisionsByBallotLoader(_Grouped[BallotRevision]):
    model = BallotRevision
    key = "ballot_id"


class ResultByNominationLoader(_OneBy[RoundResult]):
    model = RoundResult
    key = "nomination_id"


class AwardByNominationLoader(_OneBy[Award]):
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
