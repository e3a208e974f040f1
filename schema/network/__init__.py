"""GraphQL for the Network: the administrative tree, the registry and its imports."""

from __future__ import annotations

import strawberry

from schema.network.admin_units import AdminUnitMutation, AdminUnitQuery, AdminUnitType
from schema.network.imports import ImportMutation
from schema.network.mutations import RegistryMutation
from schema.network.queries import RegistryQuery


@strawberry.type
class NetworkQuery(AdminUnitQuery, RegistryQuery):
    pass


@strawberry.type
class NetworkMutation(AdminUnitMutation, RegistryMutation, ImportMutation):
    pass


__all__ = ["AdminUnitType", "NetworkMutation", "NetworkQuery"]
