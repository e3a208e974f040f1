"""GraphQL for trainings, network events, check-in and awareness campaigns (issue #6)."""

from __future__ import annotations

import strawberry

from schema.activities.mutations import ActivitiesMutationFields
from schema.activities.queries import ActivitiesQueryFields


@strawberry.type
class ActivitiesQuery(ActivitiesQueryFields):
    pass


@strawberry.type
class ActivitiesMutation(ActivitiesMutationFields):
    pass


__all__ = ["ActivitiesMutation", "ActivitiesQuery"]
