"""Per-request DataLoaders: one registry on the context, one small class per relation.

Lists prefetch what their selection needs; loaders cover single objects and relations
that cannot be prefetched cheaply, batching every ``load`` of a tick into one query.

A domain declares its loaders in ``schema/<domain>/loaders.py`` as subclasses of the bases
below (``<Thing>By<Key>Loader``) and reaches them with ``loader(info, ThingByKeyLoader)``.
The registry makes each loader the first time a request asks for it, keyed by its class,
so a new loader needs no registration anywhere else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar, cast

from strawberry.dataloader import DataLoader
from strawberry.types import Info
from tortoise.functions import Count
from tortoise.models import Model

K = TypeVar("K")
V = TypeVar("V")
ModelT = TypeVar("ModelT", bound=Model)


class DataLoaderBase(DataLoader[K, V], Generic[K, V]):
    """A loader made once per request by ``LoaderRegistry``; subclasses write ``fetch``."""

    def __init__(self) -> None:
        super().__init__(load_fn=self.fetch)

    async def fetch(self, keys: Sequence[K]) -> list[V]:
        raise NotImplementedError


LoaderT = TypeVar("LoaderT", bound=DataLoaderBase[Any, Any])


class LoaderRegistry:
    """This request's loaders, each made on first use (a fresh registry per request)."""

    def __init__(self) -> None:
        self._made: dict[type[DataLoaderBase[Any, Any]], DataLoaderBase[Any, Any]] = {}

    def get(self, kind: type[LoaderT]) -> LoaderT:
        made = self._made.get(kind)
        if made is None:
            made = self._made[kind] = kind()
        return cast(LoaderT, made)


def loader(info: Info, kind: type[LoaderT]) -> LoaderT:
    """The request's instance of ``kind``, e.g. ``loader(info, AdminUnitByIdLoader)``."""
    registry: LoaderRegistry = info.context.loaders
    return registry.get(kind)


class ByIdLoader(DataLoaderBase[int, ModelT | None], Generic[ModelT]):
    """Rows by primary key; subclasses name the ``model``."""

    model: ClassVar[type[Model]]

    async def fetch(self, ids: Sequence[int]) -> list[ModelT | None]:
        rows = {row.pk: row for row in await self.model.filter(id__in=list(set(ids)))}
        return [cast("ModelT | None", rows.get(i)) for i in ids]

    async def require(self, key: int) -> ModelT:
        """The row behind a foreign key, which must exist (batched like ``load``)."""
        row = await self.load(key)
        if row is None:
            raise LookupError(f"{self.model.__name__} {key} does not exist")
        return row


class GroupedLoader(DataLoaderBase[int, list[ModelT]], Generic[ModelT]):
    """Rows grouped by one foreign key ``key``, optionally filtered by ``where``,
    with ``related`` joined, in ``order_by`` (the model's order when empty)."""

    model: ClassVar[type[Model]]
    key: ClassVar[str]
    related: ClassVar[tuple[str, ...]] = ()
    order_by: ClassVar[tuple[str, ...]] = ()
    where: ClassVar[dict[str, Any]] = {}

    async def fetch(self, keys: Sequence[int]) -> list[list[ModelT]]:
        grouped: dict[int, list[ModelT]] = defaultdict(list)
        query = self.model.filter(**{f"{self.key}__in": list(set(keys))}, **self.where)
        if self.related:
            query = query.select_related(*self.related)
        if self.order_by:
            query = query.order_by(*self.order_by)
        for row in await query:
            grouped[getattr(row, self.key)].append(cast(ModelT, row))
        return [grouped[k] for k in keys]


class OneByLoader(DataLoaderBase[int, ModelT | None], Generic[ModelT]):
    """The row whose unique foreign key ``key`` matches."""

    model: ClassVar[type[Model]]
    key: ClassVar[str]

    async def fetch(self, keys: Sequence[int]) -> list[ModelT | None]:
        rows = await self.model.filter(**{f"{self.key}__in": list(set(keys))})
        found = {getattr(row, self.key): cast(ModelT, row) for row in rows}
        return [found.get(k) for k in keys]


class CountByLoader(DataLoaderBase[int, int]):
    """How many rows of ``model`` point at each key through the foreign key ``key``."""

    model: ClassVar[type[Model]]
    key: ClassVar[str]

    async def fetch(self, keys: Sequence[int]) -> list[int]:
        rows = (
            await self.model.filter(**{f"{self.key}__in": list(set(keys))})
            .annotate(n=Count("id"))
            .group_by(self.key)
            .values_list(self.key, "n")
        )
        counts = {int(k): int(n) for k, n in rows}
        return [counts.get(k, 0) for k in keys]
