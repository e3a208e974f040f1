"""Queries of expert support: tags, offers, requests, engagements, matches and figures.

Every list is a Relay connection whose nodes load their tags, partner, experts and units
through per-request loaders: a page costs the same few queries whatever its size.
"""

from __future__ import annotations

import strawberry
from strawberry import relay
from strawberry.types import Info

from core.actor import ApiScope, Role
from schema.core.ids import enum_value, global_int, required_int
from schema.core.pagination import Connection, paginate
from schema.core.permissions import has_role, has_role_or_api_scope
from schema.support.types import (
    EngagementStatusEnum,
    ExpertiseTagType,
    RequestStatusEnum,
    SupportEngagementType,
    SupportExpertType,
    SupportFiguresType,
    SupportMatchType,
    SupportOfferType,
    SupportRequestType,
)
from support import engagements, figures, matching, services
from support.models import EngagementStatus, RequestStatus

READERS = [has_role_or_api_scope(ApiScope.READ_SUPPORT)]


@strawberry.type
class SupportQuery:
    @strawberry.field(
        description="The expertise tags offers and requests use.", permission_classes=READERS
    )
    async def expertise_tags(
        self, info: Info, include_inactive: bool = False
    ) -> list[ExpertiseTagType]:
        rows = await services.tags(info.context.actor, include_inactive=include_inactive)
        return [ExpertiseTagType.from_model(r) for r in rows]

    @strawberry.field(
        description="Whom an offer may lend: the active members of a partner's own "
        "organisation (the province office names the partner organisation); names and "
        "positions only.",
        permission_classes=[has_role(Role.PROVINCE_ADMIN, Role.PARTNER)],
    )
    async def support_experts(
        self, info: Info, organization_id: relay.GlobalID | None = None
    ) -> list[SupportExpertType]:
        rows = await services.experts(
            info.context.actor,
            organization_id=global_int(organization_id, "Organization", "organizationId"),
        )
        return [SupportExpertType.from_model(r) for r in rows]

    @strawberry.field(
        description="Partners' offers, newest first: every active offer for staff and keys, "
        "their own organisation's for a partner.",
        permission_classes=READERS,
    )
    async def support_offers(
        self,
        info: Info,
        organization_id: relay.GlobalID | None = None,
        tag_id: int | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SupportOfferType]:
        query = await services.offers(
            info.context.actor,
            organization_id=global_int(organization_id, "Organization", "organizationId"),
            tag_id=tag_id,
        )
        return await paginate(
            info, query, first=first, after=after, to_node=SupportOfferType.from_model
        )

    @strawberry.field(
        description="Requests for expert help, newest first: in your area for staff and keys; "
        "for a partner, the open requests its offers may answer and those it is engaged on.",
        permission_classes=READERS,
    )
    async def support_requests(
        self,
        info: Info,
        status: RequestStatusEnum | None = None,  # type: ignore[valid-type]
        admin_unit_code: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SupportRequestType]:
        value = enum_value(status)
        query = await services.requests(
            info.context.actor,
            status=RequestStatus(value) if value else None,
            admin_unit_code=admin_unit_code,
        )
        return await paginate(
            info, query, first=first, after=after, to_node=SupportRequestType.from_model
        )

    @strawberry.field(
        description="Engagements, newest first: of requests in your area, or your "
        "organisation's for a partner.",
        permission_classes=READERS,
    )
    async def support_engagements(
        self,
        info: Info,
        status: EngagementStatusEnum | None = None,  # type: ignore[valid-type]
        request_id: relay.GlobalID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SupportEngagementType]:
        value = enum_value(status)
        query = await engagements.engagements(
            info.context.actor,
            status=EngagementStatus(value) if value else None,
            request_id=global_int(request_id, "SupportRequest", "requestId"),
        )
        return await paginate(
            info, query, first=first, after=after, to_node=SupportEngagementType.from_model
        )

    @strawberry.field(
        description="Offers for a request in your area, best first, with the reasons (staff).",
        permission_classes=READERS,
    )
    async def support_matches(
        self, info: Info, request_id: relay.GlobalID
    ) -> list[SupportMatchType]:
        pk = required_int(request_id, "SupportRequest", "requestId")
        return [
            SupportMatchType.from_match(m) for m in await matching.matches(info.context.actor, pk)
        ]

    @strawberry.field(
        description="Expert support in figures for a unit's subtree (yours by default): per "
        "unit below it and per partner.",
        permission_classes=READERS,
    )
    async def support_figures(
        self, info: Info, admin_unit_code: str | None = None
    ) -> SupportFiguresType:
        result = await figures.figures(info.context.actor, admin_unit_code=admin_unit_code)
        return SupportFiguresType.from_figures(result)
