"""Per-request DataLoaders, one small class per relation, named ``<Thing>By<Key>Loader``.

Lists prefetch what their selection needs; loaders cover single objects and relations
that cannot be prefetched cheaply, batching every ``load`` of a tick into one query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Generic, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from accounts.models import ApiKey, User
from network.models import (
    AdminUnit,
    FocalPointDesignation,
    MemberStatus,
    Organization,
    PlatformAdoption,
)

ModelT = TypeVar("ModelT", bound=Model)


class _ById(DataLoader[int, ModelT | None], Generic[ModelT]):
    model: type[ModelT]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[int]) -> list[ModelT | None]:
        rows = {row.pk: row for row in await self.model.filter(id__in=list(set(ids)))}
        return [rows.get(i) for i in ids]


class AdminUnitByIdLoader(_ById[AdminUnit]):
    model = AdminUnit


class OrganizationByIdLoader(_ById[Organization]):
    model = Organization


class UserByIdLoader(_ById[User]):
    model = User


class ApiKeyByIdLoader(_ById[ApiKey]):
    model = ApiKey


class AdoptionsByMemberLoader(DataLoader[int, list[PlatformAdoption]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    @staticmethod
    async def _load(member_ids: Sequence[int]) -> list[list[PlatformAdoption]]:
        grouped: dict[int, list[PlatformAdoption]] = defaultdict(list)
        rows = (
            await PlatformAdoption.filter(member_id__in=list(set(member_ids)))
            .select_related("platform")
            .order_by("platform__sort_order")
        )
        for row in rows:
            grouped[row.member_id].append(row)
        return [grouped[i] for i in member_ids]


class FocalPointsByOrganizationLoader(DataLoader[int, list[FocalPointDesignation]]):
    """Current (not ended) designations whose member is still active."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    @staticmethod
    async def _load(organization_ids: Sequence[int]) -> list[list[FocalPointDesignation]]:
        grouped: dict[int, list[FocalPointDesignation]] = defaultdict(list)
        rows = (
            await FocalPointDesignation.filter(
                organization_id__in=list(set(organization_ids)),
                ended_on=None,
                member__status=MemberStatus.ACTIVE,
            )
            .select_related("member")
            .order_by("designated_on", "id")
        )
        for row in rows:
            grouped[row.organization_id].append(row)
        return [grouped[i] for i in organization_ids]


class Loaders:
    """Built fresh for every request in the context getter."""

    def __init__(self) -> None:
        self.admin_unit_by_id = AdminUnitByIdLoader()
        self.organization_by_id = OrganizationByIdLoader()
        self.user_by_id = UserByIdLoader()
        self.api_key_by_id = ApiKeyByIdLoader()
        self.adoptions_by_member = AdoptionsByMemberLoader()
        self.focal_points_by_organization = FocalPointsByOrganizationLoader()
