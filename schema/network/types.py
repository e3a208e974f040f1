"""GraphQL types of the Network registry.

Types are plain objects built by ``from_model``; a relation is returned directly when
the list resolver prefetched it and through a DataLoader otherwise, so lists avoid
per-item awaits and single objects avoid N+1 queries.
"""

from __future__ import annotations

from collections.abc import Awaitable, Container, Iterable, Mapping
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from network import members as member_services
from network import organizations as organization_services
from network.access import can_read_pii
from network.kpis import NetworkKpis, PlatformFigures, UnitFigures
from network.models import (
    AdoptionStatus,
    FocalPointDesignation,
    ITQualification,
    Member,
    MemberStatus,
    NetworkRole,
    Organization,
    OrganizationKind,
    Platform,
    PlatformAdoption,
    decode_roles,
)
from schema.core.ids import nodes_read_by, readable_nodes
from schema.core.loaders import at_hand_or_loaded, load_by_id, loader
from schema.core.outputs import from_row, from_values, prefetched
from schema.core.pagination import Connection, paginate
from schema.core.pii import MEMBER_PII
from schema.network.admin_units import AdminUnitType, admin_unit_field
from schema.network.loaders import (
    AdoptionsByMemberLoader,
    FocalPointsByOrganizationLoader,
    OrganizationByIdLoader,
)

OrganizationKindEnum = strawberry.enum(OrganizationKind, name="OrganizationKind")
ITQualificationEnum = strawberry.enum(
    ITQualification,
    name="ITQualification",
    description="Ordered scale of IT qualification, from none to postgraduate IT.",
)
NetworkRoleEnum = strawberry.enum(NetworkRole, name="NetworkRole")
MemberStatusEnum = strawberry.enum(MemberStatus, name="MemberStatus")
AdoptionStatusEnum = strawberry.enum(AdoptionStatus, name="AdoptionStatus")


@strawberry.type(name="Platform", description="A nationally unified digital platform.")
class PlatformType:
    code: str
    name: str
    name_en: str
    url: str
    is_core: bool

    @classmethod
    def from_model(cls, platform: Platform) -> PlatformType:
        return from_row(cls, platform)


@strawberry.type(name="PlatformAdoption")
class PlatformAdoptionType:
    platform: PlatformType
    status: AdoptionStatusEnum  # type: ignore[valid-type]
    since: date | None

    @classmethod
    def from_model(cls, adoption: PlatformAdoption) -> PlatformAdoptionType:
        return from_row(cls, adoption, platform=PlatformType.from_model(adoption.platform))


@strawberry.type(name="Organization", description="A member organisation of the Network.")
class OrganizationType(relay.Node):
    id: relay.NodeID[int]
    name: str
    kind: OrganizationKindEnum  # type: ignore[valid-type]
    contact_phone: str | None = strawberry.field(description="Official contact, not personal data.")
    contact_email: str | None
    address: str
    is_active: bool
    created_at: datetime
    admin_unit_id: strawberry.Private[int]
    admin_unit_row: strawberry.Private[Any]
    parent_id: strawberry.Private[int | None]

    @classmethod
    def from_model(cls, organization: Organization) -> OrganizationType:
        return from_row(
            cls,
            organization,
            admin_unit_row=prefetched(organization, "admin_unit"),
        )

    @classmethod
    def from_values(
        cls, row: Mapping[str, Any], prefix: str = "", joined: Container[str] = ()
    ) -> OrganizationType:
        """From a list page's columns (``ORGANIZATION_COLUMNS``; with ``prefix``, those
        of a joined organisation), its admin unit joined when in ``joined``."""
        unit = AdminUnitType.from_values(row, "admin_unit__") if "admin_unit" in joined else None
        return from_values(cls, row, prefix, admin_unit_row=unit)

    admin_unit = admin_unit_field()

    @strawberry.field
    async def parent(self, info: Info) -> OrganizationType | None:
        return await load_by_id(
            info, OrganizationByIdLoader, self.parent_id, OrganizationType.from_model
        )

    @strawberry.field(description="Current focal points (cán bộ đầu mối) of this organisation.")
    async def focal_points(self, info: Info) -> list[FocalPointType]:
        rows = await loader(info, FocalPointsByOrganizationLoader).load(self.id)
        policy = info.context.kpi_policy
        return [
            FocalPointType.from_model(r, info, policy.focal_point_min_qualification) for r in rows
        ]

    @strawberry.field(description="Active members of this organisation.")
    async def members(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[MemberType]:
        actor = info.context.actor
        query = member_services.get_all(actor, organization_id=self.id)
        return await paginate(
            info, query, first=first, after=after, to_node=lambda m: MemberType.from_model(m, info)
        )

    resolve_nodes = nodes_read_by(
        lambda actor, pk: organization_services.get(actor, organization_id=pk)
    )


@strawberry.type(name="Member", description="A person in the Network.")
class MemberType(relay.Node):
    id: relay.NodeID[int]
    full_name: str
    position: str
    it_qualification: ITQualificationEnum  # type: ignore[valid-type]
    roles: list[NetworkRoleEnum]  # type: ignore[valid-type]
    status: MemberStatusEnum  # type: ignore[valid-type]
    joined_on: date | None
    left_on: date | None
    phone: str | None = strawberry.field(
        description="Personal data: null unless you are a province admin, a unit manager "
        "of this member's area, the member, or a key with read:pii.",
        extensions=[MEMBER_PII],
    )
    email: str | None = strawberry.field(
        description="Personal data, gated like `phone`.", extensions=[MEMBER_PII]
    )
    national_id: str | None = strawberry.field(
        description="Personal data, gated like `phone`.", extensions=[MEMBER_PII]
    )
    organization_id: strawberry.Private[int]
    organization_row: strawberry.Private[Any]
    admin_unit_id: strawberry.Private[int]
    admin_unit_row: strawberry.Private[Any]

    @classmethod
    def from_model(cls, member: Member, info: Info) -> MemberType:
        pii = can_read_pii(info.context.actor, unit_path=member.unit_path, member_id=member.id)
        return from_row(
            cls,
            member,
            roles=member.role_list,
            phone=member.phone if pii else None,
            email=member.email if pii else None,
            national_id=member.national_id if pii else None,
            organization_row=prefetched(member, "organization"),
            admin_unit_row=prefetched(member, "admin_unit"),
        )

    @classmethod
    def from_values(cls, row: Mapping[str, Any], info: Info, joined: Container[str]) -> MemberType:
        """From a list page's columns (``MEMBER_COLUMNS``, the relations in ``joined``
        read through the join): no model instances."""
        pii = can_read_pii(info.context.actor, unit_path=row["unit_path"], member_id=row["id"])
        roles = row.get("roles")
        return from_values(
            cls,
            row,
            roles=None if roles is None else decode_roles(roles),
            phone=row.get("phone") if pii else None,
            email=row.get("email") if pii else None,
            national_id=row.get("national_id") if pii else None,
            organization_row=OrganizationType.from_values(row, "organization__")
            if "organization" in joined
            else None,
            admin_unit_row=AdminUnitType.from_values(row, "admin_unit__")
            if "admin_unit" in joined
            else None,
        )

    @strawberry.field(graphql_type=OrganizationType)
    def organization(self, info: Info) -> OrganizationType | Awaitable[OrganizationType]:
        if isinstance(self.organization_row, OrganizationType):
            return self.organization_row
        return at_hand_or_loaded(
            self.organization_row,
            lambda: loader(info, OrganizationByIdLoader).require(self.organization_id),
            OrganizationType.from_model,
        )

    admin_unit = admin_unit_field()

    @strawberry.field(description="National platforms this member has access to or uses.")
    async def platforms(self, info: Info) -> list[PlatformAdoptionType]:
        rows = await loader(info, AdoptionsByMemberLoader).load(self.id)
        return [PlatformAdoptionType.from_model(r) for r in rows]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[MemberType | None]:
        return await readable_nodes(
            node_ids,
            lambda pk: member_services.get(info.context.actor, member_id=pk),
            lambda member: cls.from_model(member, info),
        )


# What each field reads, for list pages that read columns instead of models
# (``schema.core.pagination.columns_for``); a field not listed loads models.
MEMBER_COLUMNS = {
    "id": ("id",),
    "fullName": ("full_name",),
    "position": ("position",),
    "itQualification": ("it_qualification",),
    "roles": ("roles",),
    "status": ("status",),
    "joinedOn": ("joined_on",),
    "leftOn": ("left_on",),
    "phone": ("phone",),
    "email": ("email",),
    "nationalId": ("national_id",),
    "organization": ("organization_id",),
    "adminUnit": ("admin_unit_id",),
}
ORGANIZATION_COLUMNS = {
    "id": ("id",),
    "name": ("name",),
    "kind": ("kind",),
    "contactPhone": ("contact_phone",),
    "contactEmail": ("contact_email",),
    "address": ("address",),
    "isActive": ("is_active",),
    "createdAt": ("created_at",),
}
# The organisations list's own fields: the above, its admin unit, and what reads its id.
ORGANIZATION_LIST_COLUMNS = {
    **ORGANIZATION_COLUMNS,
    "adminUnit": ("admin_unit_id",),
    "parent": ("parent_id",),
}


@strawberry.type(name="FocalPoint")
class FocalPointType:
    member: MemberType
    designated_on: date
    qualified: bool = strawberry.field(
        description="The member's IT qualification reaches the configured level."
    )

    @classmethod
    def from_model(
        cls, designation: FocalPointDesignation, info: Info, minimum: ITQualification
    ) -> FocalPointType:
        member = designation.member
        return cls(
            member=MemberType.from_model(member, info),
            designated_on=designation.designated_on,
            qualified=member.it_qualification >= minimum,
        )


@strawberry.type
class KindCount:
    kind: OrganizationKindEnum  # type: ignore[valid-type]
    count: int


@strawberry.type(description="The plan's targets the rates are measured against.")
class KpiTargets:
    focal_point_rate: float = strawberry.field(
        description="Units with a qualified focal point, 2025."
    )
    platform_adoption_rate: float
    trained_rate: float = strawberry.field(description="DX workforce trained, 2030.")
    focal_point_kinds: list[OrganizationKindEnum]  # type: ignore[valid-type]
    focal_point_min_qualification: ITQualificationEnum  # type: ignore[valid-type]


@strawberry.type(description="KPI figures for one admin unit's subtree.")
class UnitKpis:
    admin_unit: AdminUnitType
    organizations: int
    focal_point_required: int
    focal_point_qualified: int
    focal_point_rate: float | None
    members: int
    members_on_all_core_platforms: int
    platform_adoption_rate: float | None
    trained_rate: float | None = strawberry.field(
        description="Filled once trainings are recorded (activities)."
    )
    dx_role_members: int | None = strawberry.field(
        description="Members holding a network role: the trained rate's whole (null when "
        "trainings are not counted)."
    )
    trained_members: int | None = strawberry.field(
        description="Of those, the ones who completed a training in the period: the trained "
        "rate's part."
    )

    @classmethod
    def from_figures(cls, figures: UnitFigures) -> UnitKpis:
        return from_row(
            cls,
            figures,
            admin_unit=AdminUnitType.from_model(figures.unit),
        )


@strawberry.type
class PlatformKpi:
    platform: PlatformType
    members_with_access: int
    members_active: int
    access_rate: float | None

    @classmethod
    def from_figures(cls, figures: PlatformFigures) -> PlatformKpi:
        return from_row(
            cls,
            figures,
            platform=PlatformType.from_model(figures.platform),
        )


@strawberry.type(
    name="NetworkKpis", description="How far the unit's subtree is from the plan's targets."
)
class NetworkKpisType:
    totals: UnitKpis
    organizations_by_kind: list[KindCount]
    core_platforms: int
    targets: KpiTargets
    children: list[UnitKpis] = strawberry.field(description="The same figures per child unit.")
    unit: strawberry.Private[Any]

    @classmethod
    def from_kpis(cls, kpis: NetworkKpis) -> NetworkKpisType:
        policy = kpis.policy
        return cls(
            totals=UnitKpis.from_figures(kpis.totals),
            organizations_by_kind=[
                KindCount(kind=kind, count=count)
                for kind, count in sorted(kpis.totals.organizations_by_kind.items())
            ],
            core_platforms=kpis.core_platforms,
            targets=KpiTargets(
                focal_point_rate=policy.focal_point_target,
                platform_adoption_rate=policy.adoption_target,
                trained_rate=policy.trained_target,
                focal_point_kinds=sorted(policy.focal_point_kinds),
                focal_point_min_qualification=policy.focal_point_min_qualification,
            ),
            children=[UnitKpis.from_figures(c) for c in kpis.children],
            unit=kpis.totals.unit,
        )

    @strawberry.field(description="Access and active use per platform (computed when asked).")
    async def platforms(self, info: Info) -> list[PlatformKpi]:
        from network.kpis import platform_figures

        rows = await platform_figures(
            info.context.actor,
            unit=self.unit,
            max_age_seconds=info.context.settings.kpi_max_age_seconds,
        )
        return [PlatformKpi.from_figures(r) for r in rows]
