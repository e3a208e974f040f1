"""Per-request DataLoaders: one registry on the context, one small class per relation.

Lists prefetch what their selection needs; loaders cover single objects and relations
that cannot be prefetched cheaply, batching every ``load`` of a tick into one query.

A domain declares its loaders in ``schema/<domain>/loaders.py``, named ``<Thing>By<Key>Loader``:
the common ones made by :func:`by_id`, :func:`grouped`, :func:`one_by` and :func:`count_by`
(``EventByIdLoader = by_id(Event)``), others as subclasses of ``DataLoaderBase`` that write
``fetch``. It reaches them with ``loader(info, ThingByKeyLoader)``.
The registry makes each loader the first time a request asks for it, keyed by its class,
so a new loader needs no registration anywhere else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar, cast

from strawberry.dataloader import DataLoader
from strawberry.types import Info
from tortoise.functions import Count
from tortoise.models import Model

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")
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


def at_hand_or_loaded(
    row: V | None, load: Callable[[], Awaitable[V]], convert: Callable[[V], T]
) -> T | Awaitable[T]:
    """``convert(row)`` at once when the query prefetched ``row``, else an awaitable that
    ``load``s it first (through a loader): a resolver returning this costs a prefetched
    page no await per row (declare the field with ``graphql_type=``)."""
    if row is not None:
        return convert(row)

    async def later() -> T:
        return convert(await load())

    return later()


async def load_by_id(
    info: Info, kind: type[ByIdLoader[ModelT]], key: int | None, convert: Callable[[ModelT], T]
) -> T | None:
    """``convert`` of the row ``key`` names, loaded through the request's ``kind``; None
    when ``key`` is None or the row is gone (an optional foreign key)."""
    if key is None:
        return None
    row = await loader(info, kind).load(key)
    return convert(row) if row else None


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


def _loader_class(base: type[Any], model: type[Model], **attrs: Any) -> Any:
    return type(f"{base.__name__}[{model.__name__}]", (base,), {"model": model, **attrs})


def by_id(model: type[ModelT]) -> type[ByIdLoader[ModelT]]:
    """A loader of ``model`` rows by primary key."""
    return cast("type[ByIdLoader[ModelT]]", _loader_class(ByIdLoader, model))


def grouped(
    model: type[ModelT],
    key: str,
    *,
    related: tuple[str, ...] = (),
    order_by: tuple[str, ...] = (),
    where: dict[str, Any] | None = None,
) -> type[GroupedLoader[ModelT]]:
    """A loader of the ``model`` rows of each ``key`` (see ``GroupedLoader``)."""
    attrs = {"key": key, "related": related, "order_by": order_by, "where": where or {}}
    return cast("type[GroupedLoader[ModelT]]", _loader_class(GroupedLoader, model, **attrs))


def one_by(model: type[ModelT], key: str) -> type[OneByLoader[ModelT]]:
    """A loader of the ``model`` row whose unique foreign key ``key`` matches."""
    return cast("type[OneByLoader[ModelT]]", _loader_class(OneByLoader, model, key=key))


def count_by(model: type[Model], key: str) -> type[CountByLoader]:
    """A loader of how many ``model`` rows point at each key through ``key``."""
    return cast("type[CountByLoader]", _loader_class(CountByLoader, model, key=key))
