"""GraphQL for field surveys (issue #4)."""

from __future__ import annotations

from schema.surveys.mutations import SurveysMutation
from schema.surveys.queries import SurveysQuery

__all__ = ["SurveysMutation", "SurveysQuery"]
