"""Declared permissions for fields. Services enforce scope again; these refuse early."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from core.actor import EDITOR_ROLES, FIELD_ROLES, Actor, ApiScope, Role
from core.errors import PermissionDenied, Unauthenticated


def require_authenticated(info: Info) -> Actor:
    actor: Actor = info.context.actor
    if not actor.is_authenticated:
        raise Unauthenticated()
    return actor


class IsAuthenticated(BasePermission):
    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        require_authenticated(info)
        return True


class IsSignedInUser(BasePermission):
    """A person with a session, not a partner key."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if not require_authenticated(info).is_user:
            raise PermissionDenied()
        return True


def has_role(*roles: Role) -> type[BasePermission]:
    """A permission class admitting people holding any of ``roles``."""

    class HasRole(BasePermission):
        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            if not require_authenticated(info).has_role(*roles):
                raise PermissionDenied()
            return True

    return HasRole


def has_role_or_api_scope(scope: ApiScope, *roles: Role) -> type[BasePermission]:
    """Staff holding one of ``roles`` (any signed-in person when none), or a key with ``scope``."""

    class HasRoleOrApiScope(BasePermission):
        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            actor = require_authenticated(info)
            if actor.kind == "api_key":
                if not actor.has_api_scope(scope):
                    raise PermissionDenied(scope=scope.value)
            elif roles and not actor.has_role(*roles):
                raise PermissionDenied()
            return True

    return HasRoleOrApiScope


# The permission lists most fields share.
EDITORS: list[type[BasePermission]] = [has_role(*EDITOR_ROLES)]
FIELD_STAFF: list[type[BasePermission]] = [has_role(*FIELD_ROLES)]
