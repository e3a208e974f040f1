"""Queries of the Network registry."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from network import admin_units
from network import kpis as kpi_services
from network import members as member_services
from network import organizations as organization_services
from network.access import require_reader
from schema.core.errors import or_none
from schema.core.ids import global_int
from schema.core.pagination import (
    Connection,
    columns_for,
    known,
    paginate_selected,
    rows_read,
)
from schema.network.admin_units import UNIT_COLUMNS, AdminUnitQuery
from schema.network.types import (
    MEMBER_COLUMNS,
    ORGANIZATION_COLUMNS,
    ORGANIZATION_LIST_COLUMNS,
    ITQualificationEnum,
    MemberType,
    NetworkKpisType,
    NetworkRoleEnum,
    OrganizationKindEnum,
    OrganizationType,
    PlatformType,
)


@strawberry.type
class RegistryQuery:
    @strawberry.field(description="Organisations in your scope (and below `adminUnitCode`).")
    async def organizations(
        self,
        info: Info,
        admin_unit_code: str | None = None,
        kind: OrganizationKindEnum | None = None,  # type: ignore[valid-type]
        search: str | None = None,
        include_inactive: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[OrganizationType]:
        actor = info.context.actor
        require_reader(actor)
        within = await admin_units.within(actor, code=admin_unit_code)
        query = organization_services.get_all(
            actor, within=within, kind=kind, search=search, include_inactive=include_inactive
        )
        columns = columns_for(
            info, ("edges", "node"), ORGANIZATION_LIST_COLUMNS, {"adminUnit": UNIT_COLUMNS}
        )
        # Without a search: sum the tallies the database keeps (decision 0037).
        count = None
        if not search:
            count = partial(
                organization_services.count_all,
                actor,
                within=within,
                kind=kind,
                include_inactive=include_inactive,
            )
        return await paginate_selected(
            info,
            query,
            first=first,
            after=after,
            columns=columns,
            from_values=lambda row, joined: OrganizationType.from_values(row, joined=joined),
            from_model=OrganizationType.from_model,
            joins={"adminUnit": "admin_unit"},
            count=count,
        )

    @strawberry.field
    async def organization(self, info: Info, id: relay.GlobalID) -> OrganizationType | None:
        org_id = global_int(id, "Organization", "id")
        assert org_id is not None
        org = await or_none(
            lambda: organization_services.get(info.context.actor, organization_id=org_id),
            "ORGANIZATION_NOT_FOUND",
        )
        return None if org is None else OrganizationType.from_model(org)

    @strawberry.field(description="Members in your scope, searchable without diacritics.")
    async def members(
        self,
        info: Info,
        admin_unit_code: str | None = None,
        organization_id: relay.GlobalID | None = None,
        role: NetworkRoleEnum | None = None,  # type: ignore[valid-type]
        search: str | None = None,
        include_inactive: bool = False,
        first: int | None = None,
        after: str | None = None,
        organization_kind: OrganizationKindEnum | None = None,  # type: ignore[valid-type]
        min_it_qualification: Annotated[
            ITQualificationEnum | None,  # type: ignore[valid-type]
            strawberry.argument(description="Members at or above this IT qualification."),
        ] = None,
        platform_code: Annotated[
            str | None,
            strawberry.argument(description="Members with access to this national platform."),
        ] = None,
    ) -> Connection[MemberType]:
        actor = info.context.actor
        require_reader(actor)
        within = await admin_units.within(actor, code=admin_unit_code)
        platform = platform_code[:40] if platform_code is not None else None
        filters: dict[str, Any] = {
            "within": within,
            "include_inactive": include_inactive,
            "organization_kind": organization_kind,
            "min_qualification": min_it_qualification,
            "platform_code": platform,
        }
        walk = await member_services.choose_walk(actor, rows=rows_read(first, after), **filters)
        query = member_services.get_all(
            actor,
            organization_id=global_int(organization_id, "Organization", "organizationId"),
            role=role,
            search=search,
            walk=walk,
            **filters,
        )
        # Sum what the database keeps where it can (decisions 0034, 0037, 0041); the walk
        # may have read the sum already.
        count = None
        if member_services.countable(
            organization_id=organization_id,
            role=role,
            search=search,
            organization_kind=organization_kind,
            min_qualification=min_it_qualification,
            platform_code=platform,
        ):
            count = partial(member_services.count_all, actor, **filters)
            if walk.matching is not None:
                count = partial(known, walk.matching)
        # The selection's columns only, when it asks for nothing else (issue 19).
        columns = columns_for(
            info,
            ("edges", "node"),
            MEMBER_COLUMNS,
            {"organization": ORGANIZATION_COLUMNS, "adminUnit": UNIT_COLUMNS},
        )
        return await paginate_selected(
            info,
            query,
            first=first,
            after=after,
            columns=columns,
            from_values=lambda row, joined: MemberType.from_values(row, info, joined),
            from_model=lambda member: MemberType.from_model(member, info),
            joins={"organization": "organization", "adminUnit": "admin_unit"},
            keys=("id", "unit_path"),
            count=count,
        )

    @strawberry.field
    async def member(self, info: Info, id: relay.GlobalID) -> MemberType | None:
        member_id = global_int(id, "Member", "id")
        assert member_id is not None
        member = await or_none(
            lambda: member_services.get(info.context.actor, member_id=member_id),
            "MEMBER_NOT_FOUND",
        )
        return None if member is None else MemberType.from_model(member, info)

    @strawberry.field(description="The national platform catalogue.")
    async def platforms(self, info: Info) -> list[PlatformType]:
        require_reader(info.context.actor)
        return [PlatformType.from_model(p) for p in await member_services.get_platforms()]

    @strawberry.field(
        description="KPIs for the subtree of `adminUnitCode` (your scope by default)."
    )
    async def network_kpis(self, info: Info, admin_unit_code: str | None = None) -> NetworkKpisType:
        actor = info.context.actor
        require_reader(actor)
        code = admin_unit_code or actor.scope_code or ""
        unit = await admin_units.get_in_scope(actor, code=code)
        kpis = await kpi_services.network_kpis(actor, unit=unit, policy=info.context.kpi_policy)
        return NetworkKpisType.from_kpis(kpis)


@strawberry.type
class NetworkQuery(AdminUnitQuery, RegistryQuery):
    """The Network's queries: the administrative tree and the registry."""
