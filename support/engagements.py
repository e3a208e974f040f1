"""Engagements: the requester proposes an offer, the partner accepts or declines, the
delivery is recorded, and both sides rate it.

One request has at most one accepted engagement: the unique ``accepted_request_id`` is
set by the same conditional UPDATE that moves an engagement from PROPOSED to ACCEPTED, so
concurrent accepts leave exactly one, on SQLite and PostgreSQL (decision 0025). A partner
may not accept past its offer's capacity in the month the request starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.functions import Sum
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from core import audit
from core.actor import EDITOR_ROLES, FIELD_ROLES, Actor, Role
from core.clock import utcnow
from core.errors import DomainError, ValidationFailed
from core.queries import first_or_not_found
from core.validation import clean_text, require_client_id
from network.access import require_in_scope, require_role, scoped
from support import services
from support.access import is_partner, partner_organization_id, require_staff_reader
from support.models import (
    EngagementStatus,
    RequestStatus,
    SupportDeliveryLog,
    SupportEngagement,
    SupportOffer,
    SupportRequest,
)

COUNTED = (EngagementStatus.ACCEPTED, EngagementStatus.DELIVERED)
"""Engagements that use an offer's capacity."""


def period_of(request: SupportRequest) -> str:
    return request.starts_on.strftime("%Y-%m")


def serves(offer: SupportOffer, request: SupportRequest) -> bool:
    """The offer covers the request's place and overlaps its dates."""
    in_area = any(request.unit_path.startswith(p) for p in offer.served_unit_paths)
    in_time = offer.starts_on <= request.ends_on and offer.ends_on >= request.starts_on
    return in_area and in_time


async def used_capacity(offer_ids: list[int], period: str) -> dict[int, int]:
    """Person-days already accepted per offer in ``period`` (one grouped query)."""
    if not offer_ids:
        return {}
    rows = (
        await SupportEngagement.filter(offer_id__in=offer_ids, period=period, status__in=COUNTED)
        .annotate(days=Sum("person_days"))
        .group_by("offer_id")
        .values_list("offer_id", "days")
    )
    return {int(k): int(v or 0) for k, v in rows}


async def engagements(
    actor: Actor,
    *,
    status: EngagementStatus | None = None,
    request_id: int | None = None,
) -> QuerySet[SupportEngagement]:
    """Partners: their organisation's engagements. Staff and keys: those of requests in
    their subtree."""
    if is_partner(actor):
        query = SupportEngagement.filter(organization_id=await partner_organization_id(actor))
    else:
        require_staff_reader(actor)
        query = scoped(actor, SupportEngagement.all())
    if status is not None:
        query = query.filter(status=status)
    if request_id is not None:
        query = query.filter(request_id=request_id)
    return query.order_by("-proposed_at", "-id")


async def get(actor: Actor, engagement_id: int, *, field: str = "id") -> SupportEngagement:
    return await first_or_not_found(
        (await engagements(actor)).filter(id=engagement_id), "ENGAGEMENT_NOT_FOUND", field=field
    )


async def propose(actor: Actor, *, request_id: int, offer_id: int) -> SupportEngagement:
    """The requester asks an offer's partner to take the request on."""
    request = await services.get_request_for_requester(actor, request_id)
    if request.status != RequestStatus.OPEN:
        raise DomainError("REQUEST_NOT_OPEN", field="requestId")
    offer = await first_or_not_found(
        SupportOffer.filter(id=offer_id, is_active=True), "OFFER_NOT_FOUND", field="offerId"
    )
    if not serves(offer, request) or not set(offer.tag_ids) & set(request.tag_ids):
        raise DomainError("OFFER_DOES_NOT_SERVE_REQUEST", field="offerId")
    if await SupportEngagement.exists(request_id=request.id, offer_id=offer.id):
        raise DomainError("ALREADY_PROPOSED", field="offerId")
    try:
        row = await SupportEngagement.create(
            request_id=request.id,
            offer_id=offer.id,
            organization_id=offer.organization_id,
            unit_path=request.unit_path,
            person_days=request.person_days,
            period=period_of(request),
        )
    except IntegrityError:
        raise DomainError("ALREADY_PROPOSED", field="offerId") from None
    await audit.record(
        actor, "support_engagement.propose", "SupportEngagement", row.id, ["request", "offer"]
    )
    return row


async def _for_partner(actor: Actor, engagement_id: int) -> SupportEngagement:
    org_id = await partner_organization_id(actor)
    return await first_or_not_found(
        SupportEngagement.filter(id=engagement_id, organization_id=org_id),
        "ENGAGEMENT_NOT_FOUND",
        field="id",
    )


def _illegal(row: SupportEngagement, to: EngagementStatus) -> DomainError:
    return DomainError(
        "ILLEGAL_ENGAGEMENT_TRANSITION", field="id", status=row.status.value, to=to.value
    )


async def accept(actor: Actor, *, engagement_id: int) -> SupportEngagement:
    """The partner takes the request on, within its offer's capacity for the month."""
    row = await _for_partner(actor, engagement_id)
    if row.status != EngagementStatus.PROPOSED:
        raise _illegal(row, EngagementStatus.ACCEPTED)
    if await SupportEngagement.exists(accepted_request_id=row.request_id):
        raise DomainError("REQUEST_ALREADY_ACCEPTED", field="id")
    # Lock the offer (PostgreSQL) so two accepts against one offer count capacity in turn.
    offer = await SupportOffer.filter(id=row.offer_id).select_for_update().get()
    used = (await used_capacity([offer.id], row.period)).get(offer.id, 0)
    if used + row.person_days > offer.capacity_person_days:
        raise DomainError(
            "PARTNER_OVER_CAPACITY",
            field="id",
            left=max(0, offer.capacity_person_days - used),
            asked=row.person_days,
            period=row.period,
        )
    now = utcnow()
    try:
        updated = await SupportEngagement.filter(
            id=row.id, status=EngagementStatus.PROPOSED
        ).update(
            status=EngagementStatus.ACCEPTED, accepted_request_id=row.request_id, answered_at=now
        )
    except IntegrityError:
        raise DomainError("REQUEST_ALREADY_ACCEPTED", field="id") from None
    if updated != 1:
        raise _illegal(row, EngagementStatus.ACCEPTED)
    await SupportRequest.filter(id=row.request_id, status=RequestStatus.OPEN).update(
        status=RequestStatus.MATCHED, matched_at=now
    )
    await audit.record(actor, "support_engagement.accept", "SupportEngagement", row.id, ["status"])
    await row.refresh_from_db()
    return row


async def decline(actor: Actor, *, engagement_id: int) -> SupportEngagement:
    row = await _for_partner(actor, engagement_id)
    updated = await SupportEngagement.filter(id=row.id, status=EngagementStatus.PROPOSED).update(
        status=EngagementStatus.DECLINED, answered_at=utcnow()
    )
    if updated != 1:
        raise _illegal(row, EngagementStatus.DECLINED)
    await audit.record(actor, "support_engagement.decline", "SupportEngagement", row.id, ["status"])
    await row.refresh_from_db()
    return row


async def for_either_side(
    actor: Actor, engagement_id: int, *, requester_roles: tuple[Role, ...]
) -> tuple[SupportEngagement, str]:
    """The engagement and the side the actor is on: "partner" or "requester"."""
    if is_partner(actor):
        return await _for_partner(actor, engagement_id), "partner"
    require_role(actor, requester_roles)
    row = await first_or_not_found(
        SupportEngagement.filter(id=engagement_id), "ENGAGEMENT_NOT_FOUND", field="id"
    )
    require_in_scope(actor, row.unit_path, field="id")
    return row, "requester"


@dataclass(frozen=True)
class Delivery:
    hours: float
    person_days: float
    people_helped: int
    notes: str = ""
    client_id: str | None = None
    """The id the device gave this log: its photos are uploaded under it afterwards."""


async def record_delivery(
    actor: Actor, *, engagement_id: int, delivery: Delivery
) -> SupportEngagement:
    """What was delivered (from the field: the partner's experts or the unit's staff).
    Recording again corrects the log. With a ``client_id``, the device's photos of it
    may then be uploaded under that id (``support/photos.py``)."""
    row, _ = await for_either_side(actor, engagement_id, requester_roles=FIELD_ROLES)
    if row.status not in COUNTED:
        raise _illegal(row, EngagementStatus.DELIVERED)
    if delivery.client_id is not None:
        require_client_id(delivery.client_id)
        logged = await SupportDeliveryLog.get_or_none(client_id=delivery.client_id)
        if logged is not None and logged.engagement_id != row.id:
            raise ValidationFailed([DomainError("INVALID_CLIENT_ID", field="clientId")])
    errors: list[DomainError] = []
    for name, value, high in (
        ("hours", delivery.hours, 10_000),
        ("personDays", delivery.person_days, services.MAX_PERSON_DAYS),
        ("peopleHelped", delivery.people_helped, services.MAX_PEOPLE),
    ):
        if not 0 <= value <= high:
            errors.append(DomainError("NUMBER_OUT_OF_RANGE", field=name, min=0, max=high))
    notes = clean_text(delivery.notes)
    if len(notes) > 4000:
        errors.append(DomainError("INVALID_LENGTH", field="notes", min=0, max=4000))
    if errors:
        raise ValidationFailed(errors)
    changed = audit.apply_changes(
        row,
        {
            "hours_delivered": float(delivery.hours),
            "person_days_delivered": float(delivery.person_days),
            "people_helped": delivery.people_helped,
            "notes": notes,
            "status": EngagementStatus.DELIVERED,
        },
    )
    if row.delivered_at is None:
        row.delivered_at = utcnow()
        changed.append("delivered_at")
    if delivery.client_id is not None:
        try:
            async with in_transaction():
                await SupportDeliveryLog.get_or_create(
                    client_id=delivery.client_id, defaults={"engagement_id": row.id}
                )
        except IntegrityError:  # the same log arrived twice at once
            pass
    if changed:
        await row.save(update_fields=changed)
        await SupportRequest.filter(id=row.request_id).update(status=RequestStatus.DELIVERED)
        await audit.record(
            actor, "support_engagement.deliver", "SupportEngagement", row.id, changed
        )
    return row


async def rate(
    actor: Actor, *, engagement_id: int, rating: int, comment: str = ""
) -> SupportEngagement:
    """Each side rates a delivered engagement once, 1 to 5."""
    row, side = await for_either_side(actor, engagement_id, requester_roles=EDITOR_ROLES)
    if row.status != EngagementStatus.DELIVERED:
        raise _illegal(row, EngagementStatus.DELIVERED)
    if not 1 <= rating <= 5:
        raise DomainError("RATING_OUT_OF_RANGE", field="rating", min=1, max=5)
    comment = clean_text(comment)[:2000]
    column = f"{side}_rating"
    updated = await SupportEngagement.filter(id=row.id, **{f"{column}__isnull": True}).update(
        **{column: rating, f"{side}_comment": comment}
    )
    if updated != 1:
        raise DomainError("ALREADY_RATED", field="rating")
    await audit.record(
        actor, "support_engagement.rate", "SupportEngagement", row.id, [column, f"{side}_comment"]
    )
    await row.refresh_from_db()
    return row
