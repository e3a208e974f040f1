"""Expertise tags, offers and requests: validation, scope and the lists each caller sees.

Services take the ``Actor`` first and leave the transaction to the caller. Every change is
audited (fields changed, never values).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from core import audit
from core.actor import Actor, Role
from core.errors import DomainError, PermissionDenied, ValidationFailed
from core.queries import first_or_not_found
from core.validation import clean_text
from network import admin_units
from network.access import require_in_scope, require_role, scoped
from network.models import AdminUnit, Member, MemberStatus, Organization
from support.access import (
    PARTNER_KINDS,
    is_partner,
    partner_organization_id,
    require_requester,
    require_staff_reader,
)
from support.models import (
    ExpertiseTag,
    RequestStatus,
    SupportEngagement,
    SupportOffer,
    SupportRequest,
)

MAX_PERSON_DAYS = 1000
MAX_PEOPLE = 100_000


def tags_text(tag_ids: Sequence[int]) -> str:
    return "|" + "".join(f"{i}|" for i in sorted(set(tag_ids)))


def shares_a_tag(tag_ids: Sequence[int]) -> Q:
    """Rows whose ``tags_text`` holds any of ``tag_ids`` (a portable LIKE per tag)."""
    query = Q(id=-1)
    for tag_id in set(tag_ids):
        query |= Q(tags_text__contains=f"|{tag_id}|")
    return query


# -- tags ------------------------------------------------------------------------------


def tags(actor: Actor, *, include_inactive: bool = False) -> QuerySet[ExpertiseTag]:
    if not is_partner(actor):
        require_staff_reader(actor)
    query = ExpertiseTag.all()
    return query if include_inactive else query.filter(is_active=True)


async def save_tag(
    actor: Actor, *, tag_id: int | None, name: str, is_active: bool = True
) -> ExpertiseTag:
    """Add a tag, or rename / retire one (the province office keeps the list)."""
    require_role(actor, (Role.PROVINCE_ADMIN,))
    name = clean_text(name)
    if not 1 <= len(name) <= 100:
        raise DomainError("INVALID_LENGTH", field="name", min=1, max=100)
    clash = ExpertiseTag.filter(name=name)
    if tag_id is not None:
        clash = clash.exclude(id=tag_id)
    if await clash.exists():
        raise DomainError("DUPLICATE_TAG", field="name", name=name)
    if tag_id is None:
        tag = await ExpertiseTag.create(name=name, is_active=is_active)
        await audit.record(actor, "support_tag.create", "ExpertiseTag", tag.id, ["name"])
        return tag
    tag = await first_or_not_found(ExpertiseTag.filter(id=tag_id), "TAG_NOT_FOUND", field="id")
    changed = audit.apply_changes(tag, {"name": name, "is_active": is_active})
    if changed:
        await tag.save(update_fields=changed)
        await audit.record(actor, "support_tag.update", "ExpertiseTag", tag.id, changed)
    return tag


async def _clean_tags(tag_ids: Sequence[int]) -> tuple[list[int], DomainError | None]:
    ids = sorted(set(tag_ids))
    if not ids or len(ids) > 20:
        return ids, DomainError("TAG_NOT_FOUND", field="tags")
    known = await ExpertiseTag.filter(id__in=ids, is_active=True).count()
    return ids, None if known == len(ids) else DomainError("TAG_NOT_FOUND", field="tags")


def _check_common(
    errors: list[DomainError], *, title: str, starts_on: date, ends_on: date, days: int
) -> None:
    if not 1 <= len(title) <= 200:
        errors.append(DomainError("INVALID_LENGTH", field="title", min=1, max=200))
    if ends_on < starts_on:
        errors.append(DomainError("DATES_OUT_OF_ORDER", field="endsOn"))
    if not 1 <= days <= MAX_PERSON_DAYS:
        errors.append(
            DomainError("NUMBER_OUT_OF_RANGE", field="personDays", min=1, max=MAX_PERSON_DAYS)
        )


# -- offers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferData:
    title: str
    tag_ids: Sequence[int]
    capacity_person_days: int
    served_unit_codes: Sequence[str]
    starts_on: date
    ends_on: date
    description: str = ""
    expert_ids: Sequence[int] = field(default_factory=list)
    organization_id: int | None = None  # the partner's own when None


async def _offer_organization(actor: Actor, organization_id: int | None) -> Organization:
    if is_partner(actor):
        own = await partner_organization_id(actor)
        if organization_id not in (None, own):
            raise PermissionDenied(field="organizationId")
        organization_id = own
    else:
        # The provincial office records offers agreed on paper, for any partner.
        require_role(actor, (Role.PROVINCE_ADMIN,))
    if organization_id is None:
        raise DomainError("ORGANIZATION_NOT_FOUND", field="organizationId")
    org = await first_or_not_found(
        Organization.filter(id=organization_id, is_active=True),
        "ORGANIZATION_NOT_FOUND",
        field="organizationId",
    )
    if org.kind not in PARTNER_KINDS:
        raise DomainError("NOT_A_PARTNER_ORGANIZATION", field="organizationId")
    return org


async def _clean_offer(org: Organization, data: OfferData) -> dict[str, Any]:
    """The offer's columns from ``data``, or every problem at once (``ValidationFailed``)."""
    errors: list[DomainError] = []
    title = clean_text(data.title)
    _check_common(
        errors,
        title=title,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        days=data.capacity_person_days,
    )
    for error in errors:
        if error.field == "personDays":
            error.field = "capacityPersonDays"
    tag_ids, tag_error = await _clean_tags(data.tag_ids)
    if tag_error:
        errors.append(tag_error)
    expert_ids = sorted(set(data.expert_ids))
    if expert_ids:
        found = await Member.filter(
            id__in=expert_ids, organization_id=org.id, status=MemberStatus.ACTIVE
        ).count()
        if found != len(expert_ids):
            errors.append(DomainError("EXPERT_NOT_IN_ORGANIZATION", field="expertIds"))
    codes = sorted({c.strip() for c in data.served_unit_codes if c.strip()})
    units = await AdminUnit.filter(code__in=codes) if 0 < len(codes) <= 100 else []
    if not units or len(units) != len(codes):
        errors.append(DomainError("ADMIN_UNIT_NOT_FOUND", field="servedUnitCodes", code=""))
    if errors:
        raise ValidationFailed(errors)
    return {
        "title": title,
        "description": clean_text(data.description)[:4000],
        "tag_ids": tag_ids,
        "tags_text": tags_text(tag_ids),
        "expert_ids": expert_ids,
        "capacity_person_days": data.capacity_person_days,
        "served_unit_codes": [u.code for u in units],
        "served_unit_paths": [u.path for u in units],
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
    }


OFFER_FIELDS = ["title", "tags", "experts", "capacity", "served_units", "period"]


async def create_offer(actor: Actor, data: OfferData) -> SupportOffer:
    org = await _offer_organization(actor, data.organization_id)
    columns = await _clean_offer(org, data)
    offer = await SupportOffer.create(
        organization_id=org.id, created_by_id=actor.user_id, **columns
    )
    await audit.record(
        actor, "support_offer.create", "SupportOffer", offer.id, ["organization", *OFFER_FIELDS]
    )
    return offer


async def update_offer(actor: Actor, *, offer_id: int, data: OfferData) -> SupportOffer:
    """Change an offer of the partner's own organisation (or any, for the province office).

    Capacity already accepted stays accepted: a lower capacity only limits what is
    accepted from now on."""
    if not (is_partner(actor) or actor.has_role(Role.PROVINCE_ADMIN)):
        raise PermissionDenied()
    offer = await get_offer(actor, offer_id)
    org = await Organization.get(id=offer.organization_id)
    columns = await _clean_offer(org, data)
    await SupportOffer.filter(id=offer.id).update(**columns)
    await audit.record(actor, "support_offer.update", "SupportOffer", offer.id, OFFER_FIELDS)
    return await SupportOffer.get(id=offer.id)


async def experts(actor: Actor, *, organization_id: int | None = None) -> list[Member]:
    """Who an offer may lend: the active members of the partner's own organisation (or,
    for the province office, of the partner organisation named)."""
    org = await _offer_organization(actor, organization_id)
    return (
        await Member.filter(organization_id=org.id, status=MemberStatus.ACTIVE)
        .order_by("full_name", "id")
        .limit(200)
    )


async def offers(
    actor: Actor, *, organization_id: int | None = None, tag_id: int | None = None
) -> QuerySet[SupportOffer]:
    """Partners: their organisation's offers. Staff and keys: every active offer."""
    if is_partner(actor):
        query = SupportOffer.filter(organization_id=await partner_organization_id(actor))
    else:
        require_staff_reader(actor)
        query = SupportOffer.filter(is_active=True)
        if organization_id is not None:
            query = query.filter(organization_id=organization_id)
    if tag_id is not None:
        query = query.filter(tags_text__contains=f"|{tag_id}|")
    return query.order_by("-created_at", "-id")


async def get_offer(actor: Actor, offer_id: int, *, field: str = "id") -> SupportOffer:
    return await first_or_not_found(
        (await offers(actor)).filter(id=offer_id), "OFFER_NOT_FOUND", field=field
    )


# -- requests --------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestData:
    admin_unit_code: str
    title: str
    tag_ids: Sequence[int]
    starts_on: date
    ends_on: date
    person_days: int
    need: str = ""
    people_to_help: int = 0


async def create_request(actor: Actor, data: RequestData) -> SupportRequest:
    """A need for expert help in a unit of the requester's subtree."""
    require_requester(actor)
    unit = await admin_units.get_in_scope(actor, code=data.admin_unit_code)
    errors: list[DomainError] = []
    title = clean_text(data.title)
    _check_common(
        errors, title=title, starts_on=data.starts_on, ends_on=data.ends_on, days=data.person_days
    )
    if not 0 <= data.people_to_help <= MAX_PEOPLE:
        errors.append(
            DomainError("NUMBER_OUT_OF_RANGE", field="peopleToHelp", min=0, max=MAX_PEOPLE)
        )
    tag_ids, tag_error = await _clean_tags(data.tag_ids)
    if tag_error:
        errors.append(tag_error)
    if errors:
        raise ValidationFailed(errors)
    row = await SupportRequest.create(
        admin_unit_id=unit.id,
        unit_path=unit.path,
        title=title,
        need=clean_text(data.need)[:4000],
        tag_ids=tag_ids,
        tags_text=tags_text(tag_ids),
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        person_days=data.person_days,
        people_to_help=data.people_to_help,
        requested_by_id=actor.user_id,
    )
    await audit.record(
        actor,
        "support_request.create",
        "SupportRequest",
        row.id,
        ["admin_unit", "title", "need", "tags", "period", "person_days", "people_to_help"],
    )
    return row


async def requests(
    actor: Actor,
    *,
    status: RequestStatus | None = None,
    admin_unit_code: str | None = None,
) -> QuerySet[SupportRequest]:
    """Staff and keys: requests in their subtree (narrowed to ``admin_unit_code``).
    Partners: open requests one of their active offers may answer (area served and a
    shared tag), and every request they have an engagement on."""
    if is_partner(actor):
        org_id = await partner_organization_id(actor)
        answerable = Q(id=-1)
        for offer in await SupportOffer.filter(organization_id=org_id, is_active=True).only(
            "id", "tag_ids", "served_unit_paths"
        ):
            area = Q(id=-1)
            for path in offer.served_unit_paths:
                area |= Q(unit_path__startswith=path)
            answerable |= Q(area, shares_a_tag(offer.tag_ids), status=RequestStatus.OPEN)
        engaged = Q(
            id__in=Subquery(SupportEngagement.filter(organization_id=org_id).values("request_id"))
        )
        query = SupportRequest.filter(answerable | engaged)
    else:
        require_staff_reader(actor)
        query = scoped(
            actor, SupportRequest.all(), await admin_units.within(actor, code=admin_unit_code)
        )
    if status is not None:
        query = query.filter(status=status)
    return query.order_by("-created_at", "-id")


async def get_request(actor: Actor, request_id: int, *, field: str = "id") -> SupportRequest:
    return await first_or_not_found(
        (await requests(actor)).filter(id=request_id), "SUPPORT_REQUEST_NOT_FOUND", field=field
    )


async def get_request_for_requester(
    actor: Actor, request_id: int, *, field: str = "requestId"
) -> SupportRequest:
    """A request the actor may act on as its requester (an editor of its unit)."""
    require_requester(actor)
    row = await first_or_not_found(
        SupportRequest.filter(id=request_id), "SUPPORT_REQUEST_NOT_FOUND", field=field
    )
    require_in_scope(actor, row.unit_path, field=field)
    return row
