"""Ranked offers for a request, each with the reasons it ranks where it does.

Score (out of 100): the share of the request's tags the offer covers (50), the offer
serving the request's place and dates (30), capacity left in the request's month for
the person-days asked (10), and the partner's average rating from requesters (10, none
counts as 3 of 5). Offers sharing no tag are left out. Five queries whatever the number
of offers: the request, the offers, their capacity used, the partners' ratings, the tags.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.functions import Avg, Count

from core.actor import Actor
from support import engagements, services
from support.access import require_staff_reader
from support.models import ExpertiseTag, SupportEngagement, SupportOffer


@dataclass(frozen=True)
class Match:
    offer: SupportOffer
    score: int
    tags_covered: list[str]
    tags_missing: list[str]
    serves_area: bool
    capacity_left: int
    enough_capacity: bool
    average_rating: float | None
    ratings: int
    proposed: bool


async def matches(actor: Actor, request_id: int) -> list[Match]:
    require_staff_reader(actor)
    request = await services.get_request(actor, request_id, field="requestId")
    offers = await SupportOffer.filter(
        services.shares_a_tag(request.tag_ids), is_active=True
    ).order_by("id")
    period = engagements.period_of(request)
    used = await engagements.used_capacity([o.id for o in offers], period)
    org_ids = sorted({o.organization_id for o in offers})
    rated = (
        await SupportEngagement.filter(organization_id__in=org_ids, requester_rating__isnull=False)
        .annotate(avg=Avg("requester_rating"), n=Count("id"))
        .group_by("organization_id")
        .values_list("organization_id", "avg", "n")
        if org_ids
        else []
    )
    ratings = {int(k): (float(a), int(n)) for k, a, n in rated}
    proposed = {
        int(r["offer_id"])
        for r in await SupportEngagement.filter(request_id=request.id).values("offer_id")
    }
    names = dict(await ExpertiseTag.filter(id__in=request.tag_ids).values_list("id", "name"))
    found: list[Match] = []
    for offer in offers:
        covered = [t for t in request.tag_ids if t in set(offer.tag_ids)]
        left = max(0, offer.capacity_person_days - used.get(offer.id, 0))
        enough = left >= request.person_days
        area = engagements.serves(offer, request)
        average, count = ratings.get(offer.organization_id, (None, 0))
        score = round(
            50 * len(covered) / max(1, len(request.tag_ids))
            + (30 if area else 0)
            + (10 if enough else 0)
            + 2 * (average if average is not None else 3.0)
        )
        found.append(
            Match(
                offer=offer,
                score=score,
                tags_covered=[names.get(t, "") for t in covered],
                tags_missing=[names.get(t, "") for t in request.tag_ids if t not in covered],
                serves_area=area,
                capacity_left=left,
                enough_capacity=enough,
                average_rating=round(average, 2) if average is not None else None,
                ratings=count,
                proposed=offer.id in proposed,
            )
        )
    found.sort(key=lambda m: (-m.score, m.offer.id))
    return found
