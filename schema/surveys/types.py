"""GraphQL types of surveys, sync results and survey results: plain objects built by
``from_model``, the admin unit prefetched by list resolvers or loaded by DataLoader."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from core.actor import Actor
from schema.core.ids import nodes_read_by
from schema.core.outputs import from_row, prefetched
from schema.network.admin_units import AdminUnitType, admin_unit_field
from surveys.definition import QuestionKind
from surveys.models import Survey, SurveyStatus
from surveys.results import NumberSummary, QuestionResult, SurveyResults
from surveys.sync import SyncStatus

SurveyStatusEnum = strawberry.enum(SurveyStatus, name="SurveyStatus")
QuestionKindEnum = strawberry.enum(QuestionKind, name="QuestionKind")


SurveySyncStatus = strawberry.enum(
    SyncStatus,
    name="SurveySyncStatus",
    description="What became of one response; the PWA drops it unless REJECTED.",
)


async def _definition(actor: Actor, survey_id: int) -> Survey:
    from surveys import services

    return await services.get_definition(actor, survey_id=survey_id)


@strawberry.type(name="Survey", description="A field survey of an area (khảo sát).")
class SurveyType(relay.Node):
    id: relay.NodeID[int]
    title: str
    description: str
    status: SurveyStatusEnum  # type: ignore[valid-type]
    is_public: bool = strawberry.field(description="Citizens may answer without an account.")
    organization_kinds: list[str]
    network_roles: list[str]
    opens_at: datetime | None
    closes_at: datetime | None
    current_version: int = strawberry.field(description="0 until published.")
    definition: JSON = strawberry.field(
        description="Pages and questions (see surveys/definition.py): the draft, which is "
        "also the current version once published."
    )
    created_at: datetime
    viewer_can_respond: bool = strawberry.field(
        description="You may answer it: it is published and its audience (area, "
        "organisation kinds, network roles, or the public) includes you."
    )
    admin_unit_id: strawberry.Private[int]
    admin_unit_row: strawberry.Private[Any]

    @classmethod
    def from_model(cls, survey: Survey, *, can_respond: bool = False) -> SurveyType:
        return from_row(
            cls,
            survey,
            organization_kinds=list(survey.organization_kinds),
            network_roles=list(survey.network_roles),
            viewer_can_respond=can_respond and survey.status == SurveyStatus.PUBLISHED,
            admin_unit_row=prefetched(survey, "admin_unit"),
        )

    admin_unit = admin_unit_field()

    # ``node(id)``: what the ``survey`` query shows (scope-checked), else null.
    resolve_nodes = nodes_read_by(_definition)


@strawberry.type
class SurveyOptionCount:
    value: str
    count: int
    percent: float = strawberry.field(description="Of the responses answering the question.")


@strawberry.type
class SurveyNumberSummary:
    count: int
    mean: float | None
    median: float | None
    min: float | None
    max: float | None

    @classmethod
    def build(cls, s: NumberSummary) -> SurveyNumberSummary:
        return cls(count=s.count, mean=s.mean, median=s.median, min=s.minimum, max=s.maximum)


@strawberry.type
class SurveyQuestionResult:
    key: str
    kind: QuestionKindEnum  # type: ignore[valid-type]
    label_vi: str
    label_en: str
    answered: int
    options: list[SurveyOptionCount]
    numbers: SurveyNumberSummary | None
    repeat: str | None = strawberry.field(
        description="Key of the repeat group holding the question (the innermost), null at "
        "the top level: its counts are then of instances (members, plots), not responses."
    )

    @classmethod
    def build(cls, q: QuestionResult) -> SurveyQuestionResult:
        return from_row(
            cls,
            q,
            options=[
                SurveyOptionCount(value=o.value, count=o.count, percent=o.percent)
                for o in q.options
            ],
            numbers=SurveyNumberSummary.build(q.numbers) if q.numbers else None,
        )


@strawberry.type
class SurveyUnitCount:
    admin_unit: AdminUnitType
    responses: int


@strawberry.type(name="SurveyResults")
class SurveyResultsType:
    survey: SurveyType
    area: AdminUnitType
    responses: int
    questions: list[SurveyQuestionResult]
    units: list[SurveyUnitCount] = strawberry.field(description="Responses per child unit.")

    @classmethod
    def build(cls, r: SurveyResults) -> SurveyResultsType:
        return cls(
            survey=SurveyType.from_model(r.survey),
            area=AdminUnitType.from_model(r.area),
            responses=r.responses,
            questions=[SurveyQuestionResult.build(q) for q in r.questions],
            units=[
                SurveyUnitCount(admin_unit=AdminUnitType.from_model(u.unit), responses=u.responses)
                for u in r.units
            ],
        )


@strawberry.type
class SurveyTextAnswer:
    text: str
