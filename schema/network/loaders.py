"""DataLoaders of the Network: admin units, organisations, members and their relations.

Reach them with ``loader(info, AdminUnitByIdLoader)`` (see ``schema.core.loaders``).
"""

from __future__ import annotations

from network.models import (
    AdminUnit,
    FocalPointDesignation,
    Member,
    MemberStatus,
    Organization,
    PlatformAdoption,
)
from schema.core.loaders import by_id, grouped

AdminUnitByIdLoader = by_id(AdminUnit)
OrganizationByIdLoader = by_id(Organization)
MemberByIdLoader = by_id(Member)
AdoptionsByMemberLoader = grouped(
    PlatformAdoption, "member_id", related=("platform",), order_by=("platform__sort_order",)
)

# Current (not ended) designations whose member is still active.
FocalPointsByOrganizationLoader = grouped(
    FocalPointDesignation,
    "organization_id",
    related=("member",),
    order_by=("designated_on", "id"),
    where={"ended_on": None, "member__status": MemberStatus.ACTIVE},
)
