"""GraphQL for field surveys (issue #4)."""

from __future__ import annotations

import strawberry

from schema.surveys.mutations import SurveysMutationFields
from schema.surveys.queries import SurveysQueryFields


@strawberry.type
class SurveysQuery(SurveysQueryFields):
    pass


@strawberry.type
class SurveysMutation(SurveysMutationFields):
    pass


__all__ = ["SurveysMutation", "SurveysQuery"]
