"""Public GraphQL types (tracking, showcase) and the emulation leaderboard.

The public types have no field that could carry personal data: submitters appear
nowhere, organisations and places only by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import strawberry

from recognition.emulation import Leaderboard, Part, PartScore, UnitScore
from recognition.models import Award, Initiative, InitiativeTransition, Replication
from schema.core.outputs import from_row, prefetched
from schema.network.admin_units import AdminUnitType
from schema.recognition.types import (
    AwardLevelEnum,
    EmulationPartEnum,
    InitiativeCategoryEnum,
    InitiativeStatusEnum,
    ReplicationStatusEnum,
)


@strawberry.type(name="PublicStatusChange")
class PublicStatusChangeType:
    status: InitiativeStatusEnum  # type: ignore[valid-type]
    at: datetime
    public_note: str | None


@strawberry.type(
    name="PublicInitiative",
    description="What anyone holding the tracking code sees: status and public notes, "
    "never personal data.",
)
class PublicInitiativeType:
    tracking_code: str
    title: str
    category: InitiativeCategoryEnum  # type: ignore[valid-type]
    status: InitiativeStatusEnum  # type: ignore[valid-type]
    submitted_at: datetime
    status_changed_at: datetime
    admin_unit: AdminUnitType
    public_note: str | None = strawberry.field(description="The latest public note.")
    history: list[PublicStatusChangeType]

    @classmethod
    def from_model(
        cls, initiative: Initiative, unit: Any, transitions: Sequence[InitiativeTransition]
    ) -> PublicInitiativeType:
        notes = [t.public_note for t in transitions if t.public_note]
        return from_row(
            cls,
            initiative,
            submitted_at=initiative.created_at,
            admin_unit=AdminUnitType.from_model(unit),
            public_note=notes[-1] if notes else None,
            history=[
                PublicStatusChangeType(
                    status=t.to_status, at=t.at, public_note=t.public_note or None
                )
                for t in transitions
            ],
        )


@strawberry.type(name="ShowcaseReplication", description="Where an awarded model is replicated.")
class ShowcaseReplicationType:
    organization_name: str
    admin_unit: AdminUnitType
    started_at: date
    status: ReplicationStatusEnum  # type: ignore[valid-type]

    @classmethod
    def from_model(cls, row: Replication) -> ShowcaseReplicationType:
        return cls(
            organization_name=row.organization.name,
            admin_unit=AdminUnitType.from_model(row.organization.admin_unit),
            started_at=row.started_at,
            status=row.status,
        )


@strawberry.type(
    name="ShowcaseItem",
    description="An awarded model, public: the initiative, its place, the award and its "
    "replications; never the submitter.",
)
class ShowcaseItemType:
    id: strawberry.ID = strawberry.field(description="The award's id.")
    title: str
    summary: str
    problem: str
    solution: str
    results: str
    category: InitiativeCategoryEnum  # type: ignore[valid-type]
    organization_name: str | None
    admin_unit: AdminUnitType = strawberry.field(description="The commune or unit of the model.")
    level: AwardLevelEnum  # type: ignore[valid-type]
    citation: str
    awarded_on: date
    round_title: str
    replications: list[ShowcaseReplicationType]

    @classmethod
    def from_model(
        cls, award: Award, replications: Sequence[Replication], awarded_on: date
    ) -> ShowcaseItemType:
        initiative = award.initiative
        organization = prefetched(initiative, "organization")
        return from_row(
            cls,
            initiative,
            id=strawberry.ID(str(award.id)),
            organization_name=organization.name if organization is not None else None,
            admin_unit=AdminUnitType.from_model(initiative.admin_unit),
            level=award.level,
            citation=award.citation,
            awarded_on=awarded_on,
            round_title=award.nomination.round.title,
            replications=[ShowcaseReplicationType.from_model(r) for r in replications],
        )


@strawberry.type(name="EmulationPartScore")
class PartScoreType:
    part: EmulationPartEnum  # type: ignore[valid-type]
    value: float | None = strawberry.field(
        description="The raw figure: a rate (0..1) or a count; null when not yet measured."
    )
    available: bool
    normalized: float = strawberry.field(description="The part on a 0..1 scale.")
    weight: int
    points: float = strawberry.field(description="100 × weight × normalized ÷ Σ weights.")

    @classmethod
    def from_part(cls, part: PartScore) -> PartScoreType:
        return from_row(cls, part)


@strawberry.type(name="UnitEmulationScore")
class UnitScoreType:
    rank: int
    admin_unit: AdminUnitType
    score: float
    parts: list[PartScoreType]

    @classmethod
    def from_score(cls, score: UnitScore, unit: Any) -> UnitScoreType:
        return cls(
            rank=score.rank,
            admin_unit=AdminUnitType.from_model(unit),
            score=score.score,
            parts=[PartScoreType.from_part(p) for p in score.parts],
        )


@strawberry.type(name="EmulationWeight")
class EmulationWeightType:
    part: EmulationPartEnum  # type: ignore[valid-type]
    weight: int


@strawberry.type(
    name="EmulationLeaderboard",
    description="Child units ranked by the emulation score (see docs/decisions/0008).",
)
class LeaderboardType:
    admin_unit: AdminUnitType
    period_start: date
    period_end: date
    weights: list[EmulationWeightType]
    units: list[UnitScoreType]

    @classmethod
    def from_leaderboard(cls, board: Leaderboard) -> LeaderboardType:
        return cls(
            admin_unit=AdminUnitType.from_model(board.unit),
            period_start=board.period_start,
            period_end=board.period_end,
            weights=[
                EmulationWeightType(part=p, weight=board.policy.weights.get(p, 0)) for p in Part
            ],
            units=[UnitScoreType.from_score(u, board.children[u.key]) for u in board.units],
        )
