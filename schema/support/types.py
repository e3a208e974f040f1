"""GraphQL types of expert support: tags, offers, requests, engagements, matches, figures.

Partners and experts are shown by name and kind only (``SupportPartner``,
``SupportExpert``), never as registry records: a partner reading its engagements reaches
no personal data.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from core.actor import Actor
from core.errors import DomainError
from network.models import Member, OrganizationKind
from schema.core.loaders import loader
from schema.core.outputs import from_row
from schema.network.admin_units import AdminUnitType, admin_unit_field
from schema.network.loaders import MemberByIdLoader, OrganizationByIdLoader
from schema.network.types import OrganizationKindEnum
from schema.support.loaders import (
    AdminUnitByCodeLoader,
    ExpertiseTagByIdLoader,
    SupportOfferByIdLoader,
    SupportRequestByIdLoader,
)
from support import engagements as engagement_services
from support import services
from support.figures import Figures, SupportFigures
from support.matching import Match
from support.models import (
    EngagementStatus,
    ExpertiseTag,
    RequestStatus,
    SupportEngagement,
    SupportOffer,
    SupportRequest,
)

RequestStatusEnum = strawberry.enum(RequestStatus, name="SupportRequestStatus")
EngagementStatusEnum = strawberry.enum(EngagementStatus, name="EngagementStatus")


def _nodes_read_by(get: Callable[[Actor, int], Awaitable[Any]]) -> Any:
    """A support type's ``resolve_nodes`` (``node(id)``): each object the caller may read
    through ``get(actor, key)``, built by the type's ``from_model``, else null."""

    async def resolve_nodes(
        cls: Any, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        result: list[Any] = []
        for node_id in node_ids:
            try:
                result.append(
                    cls.from_model(await get(info.context.actor, int(node_id)))
                    if node_id.isdigit()
                    else None
                )
            except DomainError:
                result.append(None)
        return result

    return classmethod(resolve_nodes)


@strawberry.type(name="ExpertiseTag", description="An area of expertise (editable list).")
class ExpertiseTagType:
    id: int
    name: str
    is_active: bool

    @classmethod
    def from_model(cls, row: ExpertiseTag) -> ExpertiseTagType:
        return from_row(cls, row)


async def _tags(info: Info, ids: list[int]) -> list[ExpertiseTagType]:
    rows = await loader(info, ExpertiseTagByIdLoader).load_many(ids)
    return [ExpertiseTagType.from_model(r) for r in rows if r is not None]


@strawberry.type(name="SupportPartner", description="A partner organisation, by name and kind.")
class SupportPartnerType:
    id: relay.GlobalID
    name: str
    kind: OrganizationKindEnum  # type: ignore[valid-type]


@strawberry.type(name="SupportExpert", description="An expert an offer lends, by name.")
class SupportExpertType:
    id: relay.GlobalID = strawberry.field(description="The registry member's global id.")
    full_name: str
    position: str

    @classmethod
    def from_model(cls, row: Member) -> SupportExpertType:
        return cls(
            id=relay.GlobalID("Member", str(row.id)), full_name=row.full_name, position=row.position
        )


async def _partner(info: Info, organization_id: int) -> SupportPartnerType:
    org = await loader(info, OrganizationByIdLoader).require(organization_id)
    return SupportPartnerType(
        id=relay.GlobalID("Organization", str(org.id)),
        name=org.name,
        kind=OrganizationKind(org.kind),
    )


@strawberry.type(
    name="SupportOffer", description="What a partner lends: expertise, experts, capacity."
)
class SupportOfferType(relay.Node):
    id: relay.NodeID[int]
    title: str
    description: str
    capacity_person_days: int = strawberry.field(description="Person-days a month.")
    served_unit_codes: list[str]
    starts_on: date
    ends_on: date
    is_active: bool
    created_at: datetime
    organization_id: strawberry.Private[int]
    tag_ids: strawberry.Private[list[int]]
    expert_ids: strawberry.Private[list[int]]

    @classmethod
    def from_model(cls, row: SupportOffer) -> SupportOfferType:
        return from_row(
            cls,
            row,
            served_unit_codes=list(row.served_unit_codes),
            tag_ids=list(row.tag_ids),
            expert_ids=list(row.expert_ids),
        )

    @strawberry.field
    async def partner(self, info: Info) -> SupportPartnerType:
        return await _partner(info, self.organization_id)

    @strawberry.field
    async def tags(self, info: Info) -> list[ExpertiseTagType]:
        return await _tags(info, self.tag_ids)

    @strawberry.field
    async def experts(self, info: Info) -> list[SupportExpertType]:
        rows = await loader(info, MemberByIdLoader).load_many(self.expert_ids)
        return [SupportExpertType.from_model(m) for m in rows if m]

    @strawberry.field(description="The units served (their subtrees).")
    async def served_units(self, info: Info) -> list[AdminUnitType]:
        rows = await loader(info, AdminUnitByCodeLoader).load_many(self.served_unit_codes)
        return [AdminUnitType.from_model(u) for u in rows if u]

    resolve_nodes = _nodes_read_by(services.get_offer)


@strawberry.type(name="SupportRequest", description="A need for expert help in one unit.")
class SupportRequestType(relay.Node):
    id: relay.NodeID[int]
    title: str
    need: str
    starts_on: date
    ends_on: date
    person_days: int
    people_to_help: int
    status: RequestStatusEnum  # type: ignore[valid-type]
    created_at: datetime
    matched_at: datetime | None
    admin_unit_id: strawberry.Private[int]
    tag_ids: strawberry.Private[list[int]]

    @classmethod
    def from_model(cls, row: SupportRequest) -> SupportRequestType:
        return from_row(cls, row, tag_ids=list(row.tag_ids))

    admin_unit = admin_unit_field()

    @strawberry.field
    async def tags(self, info: Info) -> list[ExpertiseTagType]:
        return await _tags(info, self.tag_ids)

    resolve_nodes = _nodes_read_by(services.get_request)


@strawberry.type(
    name="SupportEngagement",
    description="One offer proposed for one request: answered, delivered, rated by both sides.",
)
class SupportEngagementType(relay.Node):
    id: relay.NodeID[int]
    status: EngagementStatusEnum  # type: ignore[valid-type]
    person_days: int = strawberry.field(description="Planned, from the request.")
    period: str = strawberry.field(description="The month (YYYY-MM) its capacity counts in.")
    proposed_at: datetime
    answered_at: datetime | None
    delivered_at: datetime | None
    hours_delivered: float
    person_days_delivered: float
    people_helped: int
    notes: str
    requester_rating: int | None
    requester_comment: str
    partner_rating: int | None
    partner_comment: str
    request_id: strawberry.Private[int]
    offer_id: strawberry.Private[int]

    @classmethod
    def from_model(cls, row: SupportEngagement) -> SupportEngagementType:
        return from_row(cls, row)

    @strawberry.field
    async def request(self, info: Info) -> SupportRequestType:
        return SupportRequestType.from_model(
            await loader(info, SupportRequestByIdLoader).require(self.request_id)
        )

    @strawberry.field
    async def offer(self, info: Info) -> SupportOfferType:
        return SupportOfferType.from_model(
            await loader(info, SupportOfferByIdLoader).require(self.offer_id)
        )

    resolve_nodes = _nodes_read_by(engagement_services.get)


@strawberry.type(
    name="SupportMatch", description="An offer for a request, with why it ranks there."
)
class SupportMatchType:
    offer: SupportOfferType
    score: int = strawberry.field(
        description="Out of 100: tags 50, place and dates 30, capacity 10, rating 10."
    )
    tags_covered: list[str]
    tags_missing: list[str]
    serves_area: bool = strawberry.field(description="Serves the request's place and dates.")
    capacity_left: int = strawberry.field(description="Person-days left in the request's month.")
    enough_capacity: bool
    average_rating: float | None = strawberry.field(description="From requesters, 1 to 5.")
    ratings: int
    proposed: bool = strawberry.field(description="Already proposed for this request.")

    @classmethod
    def from_match(cls, m: Match) -> SupportMatchType:
        return from_row(cls, m, offer=SupportOfferType.from_model(m.offer))


@strawberry.type(
    name="SupportFigureRow", description="Expert support figures of a unit or partner."
)
class SupportFigureRowType:
    key: str = strawberry.field(description="The unit's code, or the partner's organisation id.")
    name: str
    requests: int
    requests_met: int = strawberry.field(description="Requests delivered.")
    person_days_delivered: float
    people_helped: int
    average_hours_to_match: float | None
    average_rating: float | None

    @classmethod
    def from_figures(cls, f: Figures) -> SupportFigureRowType:
        return from_row(cls, f, person_days_delivered=round(f.person_days_delivered, 1))


@strawberry.type(name="SupportFigures")
class SupportFiguresType:
    admin_unit: AdminUnitType
    total: SupportFigureRowType
    by_unit: list[SupportFigureRowType] = strawberry.field(description="The units just below.")
    by_partner: list[SupportFigureRowType] = strawberry.field(
        description="Partners that delivered in the unit's subtree (requests = delivered)."
    )

    @classmethod
    def from_figures(cls, f: SupportFigures) -> SupportFiguresType:
        return cls(
            admin_unit=AdminUnitType.from_model(f.unit),
            total=SupportFigureRowType.from_figures(f.total),
            by_unit=[SupportFigureRowType.from_figures(x) for x in f.by_unit],
            by_partner=[SupportFigureRowType.from_figures(x) for x in f.by_partner],
        )
