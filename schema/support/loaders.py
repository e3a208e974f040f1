"""DataLoaders of expert support (see ``schema.core.loaders``); organisations, members
and admin units by id come from ``schema.network.loaders``."""

from __future__ import annotations

from collections.abc import Sequence

from network.models import AdminUnit
from schema.core.loaders import ByIdLoader, DataLoaderBase
from support.models import ExpertiseTag, SupportOffer, SupportRequest


class ExpertiseTagByIdLoader(ByIdLoader[ExpertiseTag]):
    model = ExpertiseTag


class SupportOfferByIdLoader(ByIdLoader[SupportOffer]):
    model = SupportOffer


class SupportRequestByIdLoader(ByIdLoader[SupportRequest]):
    model = SupportRequest


class AdminUnitByCodeLoader(DataLoaderBase[str, AdminUnit | None]):
    async def fetch(self, keys: Sequence[str]) -> list[AdminUnit | None]:
        rows = {u.code: u for u in await AdminUnit.filter(code__in=list(set(keys)))}
        return [rows.get(k) for k in keys]
