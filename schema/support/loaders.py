"""DataLoaders of expert support (see ``schema.core.loaders``); organisations, members
and admin units by id come from ``schema.network.loaders``."""

from __future__ import annotations

from collections.abc import Sequence

from network.models import AdminUnit
from schema.core.loaders import DataLoaderBase, by_id
from support.models import ExpertiseTag, SupportOffer, SupportRequest

ExpertiseTagByIdLoader = by_id(ExpertiseTag)
SupportOfferByIdLoader = by_id(SupportOffer)
SupportRequestByIdLoader = by_id(SupportRequest)


class AdminUnitByCodeLoader(DataLoaderBase[str, AdminUnit | None]):
    async def fetch(self, keys: Sequence[str]) -> list[AdminUnit | None]:
        rows = {u.code: u for u in await AdminUnit.filter(code__in=list(set(keys)))}
        return [rows.get(k) for k in keys]
