"""GraphQL for the Network: the administrative tree, the registry and its imports."""

from __future__ import annotations

from schema.network.mutations import NetworkMutation
from schema.network.queries import NetworkQuery

__all__ = ["NetworkMutation", "NetworkQuery"]
