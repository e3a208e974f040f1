"""GraphQL for expert support (issue 18)."""

from __future__ import annotations

from schema.support.mutations import SupportMutation
from schema.support.queries import SupportQuery

__all__ = ["SupportMutation", "SupportQuery"]
