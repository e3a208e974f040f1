"""Who sees and runs activities: scope by admin unit, events of ancestor units included."""

from __future__ import annotations

from typing import TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.actor import Actor, ApiScope
from network.access import in_or_above, require_reader

ModelT = TypeVar("ModelT", bound=Model)


def require_activity_reader(actor: Actor) -> None:
    require_reader(actor, ApiScope.READ_ACTIVITIES)


def visible(actor: Actor, query: QuerySet[ModelT]) -> QuerySet[ModelT]:
    """Rows in the actor's subtree, and rows of the units above it (a province-wide
    training concerns every commune)."""
    return query.filter(in_or_above(actor.scope_prefix))


def can_see_path(actor: Actor, path: str) -> bool:
    scope = actor.scope_path
    return scope is not None and (path.startswith(scope) or scope.startswith(path))
