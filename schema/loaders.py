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


class ByIdLoader(DataLoader[int, ModelT | None], Generic[ModelT]):
    """Rows by primary key; subclasses name the ``model``."""

    model: type[ModelT]

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[int]) -> list[ModelT | None]:
        rows = {row.pk: row for row in await self.model.filter(id__in=list(set(ids)))}
        return [rows.get(i) for i in ids]


class GroupedLoader(DataLoader[int, list[ModelT]], Generic[ModelT]):
    """Rows grouped by one foreign key ``key``, in the model's order."""

    model: type[ModelT]
    key: str
    related: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[list[ModelT]]:
        grouped: dict[int, list[ModelT]] = defaultdict(list)
        query = self.model.filter(**{f"{self.key}__in": list(set(keys))})
        if self.related:
            query = query.select_related(*self.related)
        for row in await query:
            grouped[getattr(row, self.key)].append(row)
        return [grouped[k] for k in keys]


class OneByLoader(DataLoader[int, ModelT | None], Generic[ModelT]):
    """The row whose unique foreign key ``key`` matches."""

    model: type[ModelT]
    key: str

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[int]) -> list[ModelT | None]:
        rows = await self.model.filter(**{f"{self.key}__in": list(set(keys))})
        found = {getattr(row, self.key): row for row in rows}
        return [found.get(k) for k in keys]


class AdminUnitByIdLoader(ByIdLoader[AdminUnit]):
    model = AdminUnit


class OrganizationByIdLoader(ByIdLoader[Organization]):
    model = Organization


class UserByIdLoader(ByIdLoader[User]):
    model = User


class ApiKeyByIdLoader(ByIdLoader[ApiKey]):
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
