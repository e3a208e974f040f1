"""Paging helpers: fetch a page of rows, prefetch for the page, then build the nodes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from strawberry.types import Info
from tortoise.models import Model
from tortoise.queryset import QuerySet

from schema.core.pagination import Connection, Edge, paginate

A = TypeVar("A")
B = TypeVar("B")
ModelT = TypeVar("ModelT", bound=Model)


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
