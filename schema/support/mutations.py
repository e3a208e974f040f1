"""Mutations of expert support: one input, a payload with errors, each a call to ``mutate``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

import strawberry
from strawberry import relay
from strawberry.types import Info

from core.actor import EDITOR_ROLES, FIELD_ROLES, Role
from schema.core.errors import UserError
from schema.core.ids import global_int, required_int
from schema.core.inputs import to_domain
from schema.core.mutations import mutate
from schema.core.permissions import EDITORS, has_role
from schema.support.types import (
    ExpertiseTagType,
    SupportEngagementType,
    SupportOfferType,
    SupportRequestType,
)
from support import engagements, services
from support.engagements import Delivery
from support.models import ExpertiseTag, SupportEngagement, SupportOffer, SupportRequest


@strawberry.input
class SaveExpertiseTagInput:
    id: int | None = strawberry.field(default=None, description="Empty to add a tag.")
    name: str
    is_active: bool = True


@strawberry.input
class CreateSupportOfferInput:
    title: str
    tag_ids: list[int]
    capacity_person_days: int = strawberry.field(description="Person-days a month.")
    served_unit_codes: list[str]
    starts_on: date
    ends_on: date
    description: str = ""
    expert_ids: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Members of the partner organisation."
    )
    organization_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The province office only; a partner's is their own."
    )


@strawberry.input
class UpdateSupportOfferInput:
    id: relay.GlobalID
    title: str
    tag_ids: list[int]
    capacity_person_days: int = strawberry.field(description="Person-days a month.")
    served_unit_codes: list[str]
    starts_on: date
    ends_on: date
    description: str = ""
    expert_ids: list[relay.GlobalID] = strawberry.field(default_factory=list)


@strawberry.input
class CreateSupportRequestInput:
    admin_unit_code: str
    title: str
    tag_ids: list[int]
    starts_on: date
    ends_on: date
    person_days: int
    need: str = ""
    people_to_help: int = 0


@strawberry.input
class ProposeEngagementInput:
    request_id: relay.GlobalID
    offer_id: relay.GlobalID


@strawberry.input
class EngagementIdInput:
    id: relay.GlobalID


@strawberry.input
class RecordEngagementDeliveryInput:
    id: relay.GlobalID
    hours: float
    person_days: float
    people_helped: int
    notes: str = ""
    client_id: str | None = strawberry.field(
        default=None,
        description="The id the device gave this log (8-64 letters, digits, . _ : -): its "
        "photos are then POSTed to /uploads/delivery-photos/<clientId>.",
    )


@strawberry.input
class RateEngagementInput:
    id: relay.GlobalID
    rating: int = strawberry.field(description="1 to 5.")
    comment: str = ""


@strawberry.type
class ExpertiseTagPayload:
    tag: ExpertiseTagType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class SupportOfferPayload:
    offer: SupportOfferType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class SupportRequestPayload:
    request: SupportRequestType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class SupportEngagementPayload:
    engagement: SupportEngagementType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _tag(row: ExpertiseTag) -> ExpertiseTagPayload:
    return ExpertiseTagPayload(tag=ExpertiseTagType.from_model(row))


def _offer(row: SupportOffer) -> SupportOfferPayload:
    return SupportOfferPayload(offer=SupportOfferType.from_model(row))


def _request(row: SupportRequest) -> SupportRequestPayload:
    return SupportRequestPayload(request=SupportRequestType.from_model(row))


def _engagement(row: SupportEngagement) -> SupportEngagementPayload:
    return SupportEngagementPayload(engagement=SupportEngagementType.from_model(row))


def _expert_ids(input: CreateSupportOfferInput | UpdateSupportOfferInput) -> list[int]:
    return [required_int(e, "Member", "expertIds") for e in input.expert_ids]


def _eid(value: relay.GlobalID) -> int:
    return required_int(value, "SupportEngagement")


async def _answer(
    info: Info, input: EngagementIdInput, answer: Callable[..., Awaitable[SupportEngagement]]
) -> SupportEngagementPayload:
    """The partner's answer to a proposed engagement: ``accept`` or ``decline``."""

    async def work() -> SupportEngagement:
        return await answer(info.context.actor, engagement_id=_eid(input.id))

    return await mutate(info, work, _engagement, SupportEngagementPayload)


@strawberry.type
class SupportMutation:
    @strawberry.mutation(
        description="Add, rename or retire an expertise tag (the province office).",
        permission_classes=[has_role(Role.PROVINCE_ADMIN)],
    )
    async def save_expertise_tag(
        self, info: Info, input: SaveExpertiseTagInput
    ) -> ExpertiseTagPayload:
        async def work() -> ExpertiseTag:
            return await services.save_tag(
                info.context.actor, tag_id=input.id, name=input.name, is_active=input.is_active
            )

        return await mutate(info, work, _tag, ExpertiseTagPayload)

    @strawberry.mutation(
        description="Publish an offer (a partner for its organisation, or the province office).",
        permission_classes=[has_role(Role.PROVINCE_ADMIN, Role.PARTNER)],
    )
    async def create_support_offer(
        self, info: Info, input: CreateSupportOfferInput
    ) -> SupportOfferPayload:
        async def work() -> SupportOffer:
            data = to_domain(
                input,
                services.OfferData,
                expert_ids=_expert_ids(input),
                organization_id=global_int(input.organization_id, "Organization", "organizationId"),
            )
            return await services.create_offer(info.context.actor, data)

        return await mutate(info, work, _offer, SupportOfferPayload)

    @strawberry.mutation(
        description="Change an offer: expertise, experts, capacity, units served, period (a "
        "partner its own organisation's, or the province office). Engagements already "
        "accepted stay accepted.",
        permission_classes=[has_role(Role.PROVINCE_ADMIN, Role.PARTNER)],
    )
    async def update_support_offer(
        self, info: Info, input: UpdateSupportOfferInput
    ) -> SupportOfferPayload:
        async def work() -> SupportOffer:
            data = to_domain(input, services.OfferData, expert_ids=_expert_ids(input))
            return await services.update_offer(
                info.context.actor, offer_id=required_int(input.id, "SupportOffer"), data=data
            )

        return await mutate(info, work, _offer, SupportOfferPayload)

    @strawberry.mutation(
        description="Ask for expert help in a unit of your area (editors).",
        permission_classes=EDITORS,
    )
    async def create_support_request(
        self, info: Info, input: CreateSupportRequestInput
    ) -> SupportRequestPayload:
        async def work() -> SupportRequest:
            data = to_domain(input, services.RequestData)
            return await services.create_request(info.context.actor, data)

        return await mutate(info, work, _request, SupportRequestPayload)

    @strawberry.mutation(
        description="Propose an offer for your open request (editors of its unit).",
        permission_classes=EDITORS,
    )
    async def propose_engagement(
        self, info: Info, input: ProposeEngagementInput
    ) -> SupportEngagementPayload:
        async def work() -> SupportEngagement:
            return await engagements.propose(
                info.context.actor,
                request_id=required_int(input.request_id, "SupportRequest", "requestId"),
                offer_id=required_int(input.offer_id, "SupportOffer", "offerId"),
            )

        return await mutate(info, work, _engagement, SupportEngagementPayload)

    @strawberry.mutation(
        description="Take a proposed engagement on, within the offer's capacity (partners).",
        permission_classes=[has_role(Role.PARTNER)],
    )
    async def accept_engagement(
        self, info: Info, input: EngagementIdInput
    ) -> SupportEngagementPayload:
        return await _answer(info, input, engagements.accept)

    @strawberry.mutation(
        description="Decline a proposed engagement (partners).",
        permission_classes=[has_role(Role.PARTNER)],
    )
    async def decline_engagement(
        self, info: Info, input: EngagementIdInput
    ) -> SupportEngagementPayload:
        return await _answer(info, input, engagements.decline)

    @strawberry.mutation(
        description="Log what an accepted engagement delivered (the partner, or field staff of "
        "the request's unit); sending it again corrects the log, so a retried send is harmless.",
        permission_classes=[has_role(*FIELD_ROLES, Role.PARTNER)],
    )
    async def record_engagement_delivery(
        self, info: Info, input: RecordEngagementDeliveryInput
    ) -> SupportEngagementPayload:
        async def work() -> SupportEngagement:
            delivery = Delivery(
                hours=input.hours,
                person_days=input.person_days,
                people_helped=input.people_helped,
                notes=input.notes,
                client_id=input.client_id,
            )
            return await engagements.record_delivery(
                info.context.actor, engagement_id=_eid(input.id), delivery=delivery
            )

        return await mutate(info, work, _engagement, SupportEngagementPayload)

    @strawberry.mutation(
        description="Rate a delivered engagement once per side (the partner, or editors of "
        "the request's unit).",
        permission_classes=[has_role(*EDITOR_ROLES, Role.PARTNER)],
    )
    async def rate_engagement(
        self, info: Info, input: RateEngagementInput
    ) -> SupportEngagementPayload:
        async def work() -> SupportEngagement:
            return await engagements.rate(
                info.context.actor,
                engagement_id=_eid(input.id),
                rating=input.rating,
                comment=input.comment,
            )

        return await mutate(info, work, _engagement, SupportEngagementPayload)
