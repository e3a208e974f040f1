"""Relay-style connections over Tortoise querysets: ``first``/``after``, ``pageInfo``,
``totalCount``, page size clamped to ``MAX_PAGE_SIZE``; ``page_of`` and ``remap`` for
lists that prefetch for the page before building their nodes.

Cursors are opaque base64 offsets. ``totalCount`` is counted only when selected.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.types import Info
from strawberry.types.nodes import SelectedField
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.errors import DomainError
from schema.core.limits import DEFAULT_PAGE_SIZE, MAX_NODES_PER_REQUEST, MAX_PAGE_SIZE

NodeT = TypeVar("NodeT")
A = TypeVar("A")
B = TypeVar("B")
ModelT = TypeVar("ModelT", bound=Model)
_PREFIX = "cursor:"


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[NodeT]):
    node: NodeT
    cursor: str


@strawberry.type
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        description="Number of items in the whole list; null unless selected."
    )


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if not text.startswith(_PREFIX):
            raise ValueError(text)
        offset = int(text[len(_PREFIX) :])
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise DomainError("INVALID", field="after") from None
    if offset < 0:
        raise DomainError("INVALID", field="after")
    return offset


def clamp(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    return max(0, min(first, MAX_PAGE_SIZE))


def page_offset(after: str | None) -> int:
    """How many rows in list order come before the page that follows ``after``."""
    return decode_cursor(after) + 1 if after else 0


def rows_read(first: int | None, after: str | None) -> int:
    """How many rows a page reads in list order: those before it, its own, and one more
    to know whether another page follows."""
    return page_offset(after) + clamp(first) + 1


async def known(total: int) -> int:
    """A total already at hand, as a page's ``count`` gives it."""
    return total


def charge_nodes(info: Info, count: int) -> None:
    """Count ``count`` more rows returned by this request; past ``MAX_NODES_PER_REQUEST``
    the request stops with ``QUERY_TOO_COMPLEX`` (the cost estimate's runtime twin)."""
    context = info.context
    context.nodes_returned += count
    if context.nodes_returned > MAX_NODES_PER_REQUEST:
        raise DomainError("QUERY_TOO_COMPLEX", limit=MAX_NODES_PER_REQUEST)


def _children(selections: Iterable[Any], name: str) -> list[Any]:
    """Fields called ``name`` among ``selections``, looking through fragments."""
    found = []
    for child in selections:
        if isinstance(child, SelectedField):
            if child.name == name:
                found.append(child)
        else:  # FragmentSpread or InlineFragment
            found.extend(_children(child.selections, name))
    return found


def selects(info: Info, *path: str) -> bool:
    """True when the current field's selection includes ``path``
    (e.g. ``selects(info, "edges", "node", "scope")``), fragments included."""
    level: list[Any] = list(info.selected_fields)
    for name in path:
        level = [f for parent in level for f in _children(parent.selections, name)]
        if not level:
            return False
    return True


def selects_any(info: Info, prefix: tuple[str, ...], names: Iterable[str]) -> bool:
    return any(selects(info, *prefix, name) for name in names)


Columns = Mapping[str, tuple[str, ...]]


def columns_for(
    info: Info,
    path: tuple[str, ...],
    columns: Columns,
    relations: Mapping[str, Columns] | None = None,
) -> list[str] | None:
    """The ``.values()`` keys a list page needs for the selection at ``path`` (e.g.
    ``("edges", "node")``): ``columns`` maps each GraphQL field to the columns its
    resolver reads (an object field listed there loads itself, e.g. by a DataLoader on
    its foreign key), ``relations`` a joined object's fields to its columns (read as
    ``relation__column``; ``columns`` holds the same field with the foreign key). None
    when the selection asks for anything else: the page then loads models."""
    level: list[Any] = list(info.selected_fields)
    for name in path:
        level = [f for parent in level for f in _children(parent.selections, name)]
    keys: dict[str, None] = {}
    for field in _flatten(s for parent in level for s in parent.selections):
        if field.name == "__typename":
            continue
        if field.name in columns:
            keys.update(dict.fromkeys(columns[field.name]))
            if relations and field.name in relations:
                related = relations[field.name]
                prefix = _snake(field.name)
                for child in _flatten(field.selections):
                    if child.name == "__typename":
                        continue
                    if child.arguments or child.name not in related:
                        return None
                    keys.update(dict.fromkeys(f"{prefix}__{c}" for c in related[child.name]))
        else:
            return None
    return list(keys)


def _flatten(selections: Iterable[Any]) -> list[SelectedField]:
    found: list[SelectedField] = []
    for child in selections:
        if isinstance(child, SelectedField):
            found.append(child)
        else:
            found.extend(_flatten(child.selections))
    return found


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


async def paginate(
    info: Info,
    query: QuerySet[ModelT],
    *,
    first: int | None,
    after: str | None,
    to_node: Callable[[ModelT], NodeT],
    count: Callable[[], Awaitable[int]] | None = None,
) -> Connection[NodeT]:
    """One query for the page (plus one for ``totalCount`` when it is selected:
    ``count()`` when given, a cheaper equivalent of counting ``query``)."""
    return await _paginate(info, query, first, after, to_node, count, None)


async def paginate_values(
    info: Info,
    query: QuerySet[ModelT],
    *,
    columns: Sequence[str],
    first: int | None,
    after: str | None,
    to_node: Callable[[dict[str, Any], set[str]], NodeT],
    keys: Sequence[str] = ("id",),
    count: Callable[[], Awaitable[int]] | None = None,
) -> Connection[NodeT]:
    """``paginate`` reading only ``columns`` (from :func:`columns_for`) and ``keys``
    (``.values()``: no model instances). ``to_node(row, joined)`` is told which
    relations were read through a join (``relation__column``)."""
    joined = {c.partition("__")[0] for c in columns if "__" in c}
    return await _paginate(
        info,
        query,
        first,
        after,
        lambda row: to_node(row, joined),
        count,
        list(dict.fromkeys([*keys, *columns])),
    )


async def paginate_selected(
    info: Info,
    query: QuerySet[ModelT],
    *,
    first: int | None,
    after: str | None,
    columns: Sequence[str] | None,
    from_values: Callable[[dict[str, Any], set[str]], NodeT],
    from_model: Callable[[ModelT], NodeT],
    joins: Mapping[str, str],
    keys: Sequence[str] = ("id",),
    count: Callable[[], Awaitable[int]] | None = None,
) -> Connection[NodeT]:
    """A list page built the cheapest way the selection allows: ``paginate_values``
    when :func:`columns_for` found ``columns``, else model rows joined to each
    relation of ``joins`` (node field -> relation) that the nodes select."""
    if columns is not None:
        return await paginate_values(
            info,
            query,
            columns=columns,
            keys=keys,
            first=first,
            after=after,
            to_node=from_values,
            count=count,
        )
    related = [rel for field, rel in joins.items() if selects(info, "edges", "node", field)]
    if related:
        query = query.select_related(*related)
    return await paginate(info, query, first=first, after=after, to_node=from_model, count=count)


async def _paginate(
    info: Info,
    query: QuerySet[ModelT],
    first: int | None,
    after: str | None,
    to_node: Callable[[Any], NodeT],
    count: Callable[[], Awaitable[int]] | None,
    columns: Sequence[str] | None,
) -> Connection[NodeT]:
    size = clamp(first)
    offset = page_offset(after)
    rows: Sequence[Any] = []
    if size:
        page = query.offset(offset).limit(size + 1)
        rows = await (page.values(*columns) if columns is not None else page)
    has_next = len(rows) > size
    rows = rows[:size]
    charge_nodes(info, len(rows))
    total = None
    if selects(info, "totalCount"):
        total = await (count() if count is not None else query.count())
    edges = [Edge(node=to_node(r), cursor=encode_cursor(offset + i)) for i, r in enumerate(rows)]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=offset > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )


def remap(connection: Connection[A], to_node: Callable[[A], B]) -> Connection[B]:
    return Connection(
        edges=[Edge(node=to_node(e.node), cursor=e.cursor) for e in connection.edges],
        page_info=connection.page_info,
        total_count=connection.total_count,
    )


async def page_of(
    info: Info, query: QuerySet[ModelT], *, first: int | None, after: str | None
) -> tuple[Connection[ModelT], list[ModelT]]:
    """One page of rows (plus the count when selected), and the rows themselves."""
    connection = await paginate(info, query, first=first, after=after, to_node=lambda r: r)
    return connection, [e.node for e in connection.edges]
