"""Small argument helpers every GraphQL module shares: global IDs, enums, client address."""

from __future__ import annotations

from typing import Any

from strawberry import relay
from strawberry.types import Info

from core.errors import DomainError


def global_int(value: relay.GlobalID | None, type_name: str, field: str) -> int | None:
    """The integer key inside a global ID of ``type_name``; None when no ID was given."""
    if value is None:
        return None
    if value.type_name != type_name or not value.node_id.isdigit():
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
