"""Shared pieces of the recognition mutations."""

from __future__ import annotations

from strawberry.permission import BasePermission

from core.actor import EDITOR_ROLES, Role
from schema.core.permissions import IsSignedInUser, has_role

EDITORS: list[type[BasePermission]] = [has_role(*EDITOR_ROLES)]
COMMITTEE: list[type[BasePermission]] = [IsSignedInUser, has_role(Role.COMMITTEE_MEMBER)]
