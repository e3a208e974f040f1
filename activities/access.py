"""Who sees and runs activities: scope by admin unit, events of ancestor units included."""

from __future__ import annotations

from typing import TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.actor import Actor, ApiScope, Role
from core.errors import PermissionDenied, Unauthenticated
from network.access import require_reader

ModelT = TypeVar("ModelT", bound=Model)


def ancestor_paths(path: str) -> list[str]:
    """'/96/32002/' -> ['/96/', '/96/32002/'] (the unit itself included)."""
    parts = path.strip("/").split("/")
    return [("/" + "/".join(parts[: i + 1]) + "/") for i in range(len(parts)) if parts[0]]


def require_activity_reader(actor: Actor) -> None:
    require_reader(actor, ApiScope.READ_ACTIVITIES)


def require_role(actor: Actor, roles: tuple[Role, ...]) -> None:
    if not actor.is_authenticated:
        raise Unauthenticated()
    if not actor.has_role(*roles):
        raise PermissionDenied()


def visible(actor: Actor, query: QuerySet[ModelT]) -> QuerySet[ModelT]:
    """Rows in the actor's subtree, and rows of the units above it (a province-wide
    training concerns every commune)."""
    scope = actor.scope_path or "\x00"
    return query.filter(Q(unit_path__startswith=scope) | Q(unit_path__in=ancestor_paths(scope)))


def can_see_path(actor: Actor, path: str) -> bool:
    scope = actor.scope_path
    return scope is not None and (path.startswith(scope) or scope.startswith(path))
