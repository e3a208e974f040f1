"""GraphQL for DX projects (issue 18)."""

from __future__ import annotations

from schema.projects.mutations import ProjectsMutation
from schema.projects.queries import ProjectsQuery

__all__ = ["ProjectsMutation", "ProjectsQuery"]
