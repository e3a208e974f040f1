"""GraphQL for trainings, network events, check-in and awareness campaigns (issue #6)."""

from __future__ import annotations

from schema.activities.mutations import ActivitiesMutation
from schema.activities.queries import ActivitiesQuery

__all__ = ["ActivitiesMutation", "ActivitiesQuery"]
