"""Who may read and change what: the registry's rules (who sees personal data), and the
role and area checks every domain shares (require_role, in_or_above)."""

from __future__ import annotations

from typing import TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from core.actor import EDITOR_ROLES, Actor, ApiScope, Role
from core.errors import PermissionDenied, Unauthenticated
from network.models import AdminUnit

ModelT = TypeVar("ModelT", bound=Model)


def require_reader(actor: Actor, scope: ApiScope = ApiScope.READ_NETWORK) -> None:
    """Staff of any role read inside their scope; partner keys need ``scope``."""
    if not actor.is_authenticated:
        raise Unauthenticated()
    if actor.kind == "api_key" and not actor.has_api_scope(scope):
        raise PermissionDenied(scope=scope.value)


def require_role(actor: Actor, roles: tuple[Role, ...]) -> None:
    """A signed-in user holding one of ``roles``."""
    if not actor.is_authenticated:
        raise Unauthenticated()
    if not actor.has_role(*roles):
        raise PermissionDenied()


def require_editor(actor: Actor) -> None:
    require_role(actor, EDITOR_ROLES)


def require_in_scope(actor: Actor, path: str, *, field: str | None = None) -> None:
    if not actor.can_see(path):
        raise PermissionDenied("OUT_OF_SCOPE", field=field, code=path.strip("/").split("/")[-1])


def scoped(
    actor: Actor, query: QuerySet[ModelT], within: AdminUnit | None = None
) -> QuerySet[ModelT]:
    """Rows whose ``unit_path`` lies in the actor's subtree (and in ``within``)."""
    query = query.filter(unit_path__startswith=actor.scope_prefix)
    if within is not None:
        query = query.filter(unit_path__startswith=within.path)
    return query


def can_read_pii(actor: Actor, *, unit_path: str, member_id: int) -> bool:
    """Province admins; unit managers inside their scope; the member themself;
    partner keys holding ``read:pii`` (inside the key's subtree)."""
    if actor.kind == "system":
        return True
    if actor.member_id is not None and actor.member_id == member_id:
        return True
    if not actor.can_see(unit_path):
        return False
    if actor.kind == "api_key":
        return actor.has_api_scope(ApiScope.READ_PII)
    return actor.has_role(*EDITOR_ROLES)


def ancestor_paths(path: str) -> list[str]:
    """'/96/32002/' -> ['/96/', '/96/32002/'] (the unit itself included)."""
    parts = path.strip("/").split("/")
    return [("/" + "/".join(parts[: i + 1]) + "/") for i in range(len(parts)) if parts[0]]


def in_or_above(path: str) -> Q:
    """Rows of ``path``'s subtree and of the units above it: a province-wide training or
    survey concerns every commune."""
    return Q(unit_path__startswith=path) | Q(unit_path__in=ancestor_paths(path))
