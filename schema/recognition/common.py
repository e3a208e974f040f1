"""Shared pieces of the recognition mutations."""

from __future__ import annotations

from strawberry.permission import BasePermission

from network.actor import Role
from schema.permissions import IsSignedInUser, has_role

EDITORS: list[type[BasePermission]] = [has_role(Role.PROVINCE_ADMIN, Role.UNIT_MANAGER)]
COMMITTEE: list[type[BasePermission]] = [IsSignedInUser, has_role(Role.COMMITTEE_MEMBER)]
