"""Shared pieces of the recognition mutations."""

from __future__ import annotations

from typing import Any

from strawberry import relay
from strawberry.permission import BasePermission
from strawberry.types import Info

from network.actor import Role
from schema.network.queries import global_int
from schema.permissions import IsSignedInUser, has_role

EDITORS: list[type[BasePermission]] = [has_role(Role.PROVINCE_ADMIN, Role.UNIT_MANAGER)]
COMMITTEE: list[type[BasePermission]] = [IsSignedInUser, has_role(Role.COMMITTEE_MEMBER)]


def input_id(value: relay.GlobalID, type_name: str, field: str) -> int:
    """The primary key in a global ID of ``type_name`` (INVALID_ID otherwise)."""
    return global_int(value, type_name, field) or 0


def enum_value(value: Any) -> Any:
    return getattr(value, "value", value)


def client_addr(info: Info) -> str:
    client = info.context.request.client
    return client.host if client else "unknown"
