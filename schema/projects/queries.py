"""Queries of DX projects: the list of your scope, one project, a unit's portfolio."""

from __future__ import annotations

import strawberry
from strawberry import relay
from strawberry.types import Info

from core.actor import ApiScope
from network import admin_units
from projects import portfolio, services
from projects.models import PlanArea, ProjectStatus
from schema.core.errors import or_none
from schema.core.ids import enum_value, global_int
from schema.core.pagination import Connection, paginate
from schema.core.permissions import has_role_or_api_scope
from schema.projects.types import PlanAreaEnum, PortfolioType, ProjectStatusEnum, ProjectType

READERS = [has_role_or_api_scope(ApiScope.READ_PROJECTS)]


@strawberry.type
class ProjectsQuery:
    @strawberry.field(
        description="Projects of your scope (or of `adminUnitCode`'s subtree), ending soonest "
        "first; `attentionFirst`: late projects first, then at-risk ones; `reportDue`: only "
        "active projects whose status report is due.",
        permission_classes=READERS,
    )
    async def projects(
        self,
        info: Info,
        admin_unit_code: str | None = None,
        status: ProjectStatusEnum | None = None,  # type: ignore[valid-type]
        area: PlanAreaEnum | None = None,  # type: ignore[valid-type]
        attention_first: bool = False,
        report_due: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ProjectType]:
        actor = info.context.actor
        within = await admin_units.within(actor, code=admin_unit_code)
        status_value = enum_value(status)
        area_value = enum_value(area)
        query = services.get_all(
            actor,
            within=within,
            status=ProjectStatus(status_value) if status_value else None,
            area=PlanArea(area_value) if area_value else None,
            attention_first=attention_first,
            report_due=report_due,
        )
        return await paginate(info, query, first=first, after=after, to_node=ProjectType.from_model)

    @strawberry.field(description="A project of your scope.", permission_classes=READERS)
    async def project(self, info: Info, id: relay.GlobalID) -> ProjectType | None:
        pk = global_int(id, "Project", "id")
        row = await or_none(
            lambda: services.get(info.context.actor, project_id=pk or 0), "PROJECT_NOT_FOUND"
        )
        return None if row is None else ProjectType.from_model(row)

    @strawberry.field(
        description="Counts and budget by status and plan area for `adminUnitCode`'s subtree "
        "(your scope by default), the late and at-risk projects, and each child unit's figures.",
        permission_classes=READERS,
    )
    async def project_portfolio(
        self, info: Info, admin_unit_code: str | None = None
    ) -> PortfolioType:
        actor = info.context.actor
        code = admin_unit_code or actor.scope_code or ""
        return PortfolioType.of(await portfolio.portfolio(actor, code=code))
