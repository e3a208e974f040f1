"""Queries of surveys and their results."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from strawberry import relay
from strawberry.types import Info

from core.actor import ApiScope
from core.errors import DomainError
from schema.core.ids import global_int
from schema.core.pagination import Connection, paginate, selects
from schema.core.permissions import has_role_or_api_scope
from schema.surveys.types import SurveyResultsType, SurveyStatusEnum, SurveyTextAnswer, SurveyType
from surveys import results as result_services
from surveys import services
from surveys.models import Survey, SurveyAnswer, SurveyStatus

READERS = [has_role_or_api_scope(ApiScope.READ_SURVEYS)]


def survey_pk(value: relay.GlobalID, field: str) -> int:
    pk = global_int(value, "Survey", field)
    if pk is None:
        raise DomainError("INVALID_ID", field=field)
    return pk


async def _to_node(info: Info) -> Callable[[Survey], SurveyType]:
    """SurveyType with ``viewerCanRespond``, the viewer's member record read once."""
    actor = info.context.actor
    if not selects(info, "edges", "node", "viewerCanRespond") and not selects(
        info, "viewerCanRespond"
    ):
        return SurveyType.from_model
    who = await services.respondent(actor)

    def to_node(survey: Survey) -> SurveyType:
        return SurveyType.from_model(survey, can_respond=services.can_respond(actor, survey, who))

    return to_node


@strawberry.type
class SurveysQuery:
    @strawberry.field(
        description="Surveys of your area and of the units above it, and published "
        "public surveys (all a visitor without an account sees), newest first.",
    )
    async def surveys(
        self,
        info: Info,
        status: SurveyStatusEnum | None = None,  # type: ignore[valid-type]
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SurveyType]:
        query = services.get_all(
            info.context.actor,
            status=SurveyStatus(str(getattr(status, "value", status))) if status else None,
        )
        if selects(info, "edges", "node", "adminUnit"):
            query = query.select_related("admin_unit")
        to_node = await _to_node(info)
        return await paginate(info, query, first=first, after=after, to_node=to_node)

    @strawberry.field(
        description="A survey of your area, or a published public one (anyone may read "
        "its questions)."
    )
    async def survey(self, info: Info, id: relay.GlobalID) -> SurveyType | None:
        try:
            row = await services.get_definition(info.context.actor, survey_id=survey_pk(id, "id"))
        except DomainError as error:
            if error.code == "SURVEY_NOT_FOUND":
                return None
            raise
        return (await _to_node(info))(row)

    @strawberry.field(
        description="Counts and percentages per option, count/mean/median/min/max of "
        "numbers, and responses per child unit, within `adminUnitCode` (default: the "
        "survey's area, or yours when it is smaller).",
        permission_classes=READERS,
    )
    async def survey_results(
        self, info: Info, survey_id: relay.GlobalID, admin_unit_code: str | None = None
    ) -> SurveyResultsType:
        found = await result_services.results(
            info.context.actor,
            survey_id=survey_pk(survey_id, "surveyId"),
            admin_unit_code=admin_unit_code,
        )
        return SurveyResultsType.build(found)

    @strawberry.field(
        description="Answers to a text question (or an 'other' text, key `<key>_other`), "
        "oldest first. Partner keys need read:pii.",
        permission_classes=READERS,
    )
    async def survey_text_answers(
        self,
        info: Info,
        survey_id: relay.GlobalID,
        question_key: str,
        admin_unit_code: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SurveyTextAnswer]:
        query = await result_services.text_answers(
            info.context.actor,
            survey_id=survey_pk(survey_id, "surveyId"),
            question_key=question_key,
            admin_unit_code=admin_unit_code,
        )

        def to_node(row: SurveyAnswer) -> SurveyTextAnswer:
            return SurveyTextAnswer(text=row.value_text or "")

        return await paginate(info, query, first=first, after=after, to_node=to_node)
