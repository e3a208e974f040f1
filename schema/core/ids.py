"""Small argument helpers every GraphQL module shares: global IDs, enums, client address."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from strawberry import relay
from strawberry.types import Info

from core.actor import Actor
from core.errors import DomainError

# Keys are ``integer`` columns on PostgreSQL: a larger number cannot name a row, and
# sending one to the database fails (SQLite stops at 64 bits, asyncpg at 32).
MAX_KEY = 2**31 - 1
_KEY = re.compile(r"[0-9]{1,10}")
R = TypeVar("R")
N = TypeVar("N")


def node_key(node_id: str) -> int:
    """The integer key of a global ID's ``node_id``: ASCII digits naming a possible row,
    else ValueError (what ``resolve_nodes`` catches to answer null)."""
    if not _KEY.fullmatch(node_id) or not 0 < int(node_id) <= MAX_KEY:
        raise ValueError(f"not an object key: {node_id[:20]!r}")
    return int(node_id)


def is_node_key(node_id: str) -> bool:
    try:
        node_key(node_id)
    except ValueError:
        return False
    return True


def global_int(value: relay.GlobalID | None, type_name: str, field: str) -> int | None:
    """The integer key inside a global ID of ``type_name``; None when no ID was given."""
    if value is None:
        return None
    if value.type_name != type_name or not is_node_key(value.node_id):
        raise DomainError("INVALID_ID", field=field)
    return int(value.node_id)


def required_int(value: relay.GlobalID, type_name: str, field: str = "id") -> int:
    """Like ``global_int`` for a required argument (INVALID_ID when it is not one)."""
    result = global_int(value, type_name, field)
    if result is None:
        raise DomainError("INVALID_ID", field=field)
    return result


def enum_value(value: Any) -> Any:
    """The plain value of a Strawberry enum argument (or the value itself)."""
    return getattr(value, "value", value)


def client_addr(info: Info) -> str:
    client = info.context.request.client
    return client.host if client else "unknown"


async def readable_nodes(
    node_ids: Iterable[str], get: Callable[[int], Awaitable[R]], build: Callable[[R], N]
) -> list[N | None]:
    """``resolve_nodes`` for objects read through their domain's service: ``build(get(key))``
    for each id, and null for an id that names no possible row (``node_key``) or an object
    the service refuses (missing, or outside the reader's scope)."""
    result: list[N | None] = []
    for node_id in node_ids:
        try:
            result.append(build(await get(node_key(node_id))))
        except (DomainError, ValueError):
            result.append(None)
    return result


def nodes_read_by(get: Callable[[Actor, int], Awaitable[Any]]) -> Any:
    """A type's ``resolve_nodes`` (assign it to that name) through its domain's service:
    :func:`readable_nodes` of ``get(actor, key)``, each built by the type's ``from_model``."""

    async def resolve_nodes(
        cls: Any, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        actor = info.context.actor
        return await readable_nodes(node_ids, lambda pk: get(actor, pk), cls.from_model)

    return classmethod(resolve_nodes)
