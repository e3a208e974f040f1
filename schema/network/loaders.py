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
from schema.core.loaders import ByIdLoader, GroupedLoader


class AdminUnitByIdLoader(ByIdLoader[AdminUnit]):
    model = AdminUnit


class OrganizationByIdLoader(ByIdLoader[Organization]):
    model = Organization


class MemberByIdLoader(ByIdLoader[Member]):
    model = Member


class AdoptionsByMemberLoader(GroupedLoader[PlatformAdoption]):
    model = PlatformAdoption
    key = "member_id"
    related = ("platform",)
    order_by = ("platform__sort_order",)


class FocalPointsByOrganizationLoader(GroupedLoader[FocalPointDesignation]):
    """Current (not ended) designations whose member is still active."""

    model = FocalPointDesignation
    key = "organization_id"
    where = {"ended_on": None, "member__status": MemberStatus.ACTIVE}
    related = ("member",)
    order_by = ("designated_on", "id")
