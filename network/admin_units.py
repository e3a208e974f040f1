"""Reading and extending the administrative tree.

The tree itself is public reference data (citizens pick their commune on public forms),
so reads need no role; what hangs off a unit is scoped by each domain's services.
Adding units below a commune (hamlets, residential groups) is scoped to the actor.
"""

from __future__ import annotations

import re

from tortoise.queryset import QuerySet

from core.actor import EDITOR_ROLES, Actor
from core.clock import today_in_vietnam
from core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from core.text import fold_search
from network.models import AdminUnit, AdminUnitKind

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
CHILD_KINDS = {AdminUnitKind.HAMLET, AdminUnitKind.RESIDENTIAL_GROUP}


async def get_root() -> AdminUnit:
    """The top of the configured tree (the province)."""
    root = await AdminUnit.filter(parent_id=None, valid_to=None).order_by("id").first()
    if root is None:
        raise NotFound(field="adminUnitCode")
    return root


async def get(*, code: str, field: str = "adminUnitCode") -> AdminUnit:
    code = code.strip()
    # A code longer than the column can name no unit (the ORM would refuse the filter).
    unit = await AdminUnit.get_or_none(code=code) if len(code) <= 32 else None
    if unit is None:
        raise NotFound("ADMIN_UNIT_NOT_FOUND", field=field, code=code)
    return unit


async def get_in_scope(actor: Actor, *, code: str, field: str = "adminUnitCode") -> AdminUnit:
    """The unit with ``code``, refused unless it lies in the actor's subtree."""
    unit = await get(code=code, field=field)
    if not actor.can_see(unit.path):
        raise PermissionDenied("OUT_OF_SCOPE", field=field, code=code)
    return unit


async def within(actor: Actor, *, code: str | None) -> AdminUnit | None:
    """The unit a list is narrowed to: ``get_in_scope``'s, or None (no narrowing) without
    a code."""
    return await get_in_scope(actor, code=code) if code else None


def get_all(
    *, parent: AdminUnit | None = None, search: str | None = None, include_retired: bool = False
) -> QuerySet[AdminUnit]:
    query = AdminUnit.all()
    if parent is not None:
        query = query.filter(parent_id=parent.id)
    if search and (folded := fold_search(search)):
        query = query.filter(name_folded__contains=folded)
    if not include_retired:
        query = query.filter(valid_to=None)
    return query.order_by("path")


async def create(
    actor: Actor, *, parent_code: str, code: str, name: str, kind: AdminUnitKind
) -> AdminUnit:
    """Add a unit below ``parent_code`` (hamlets below communes enter the tree this way)."""
    if not actor.has_role(*EDITOR_ROLES):
        raise PermissionDenied()
    parent = await get_in_scope(actor, code=parent_code, field="parentCode")
    errors: list[DomainError] = []
    code = code.strip()
    name = " ".join(name.split())
    if not _CODE.match(code):
        errors.append(DomainError("INVALID_CODE", field="code"))
    elif await AdminUnit.exists(code=code):
        errors.append(DomainError("DUPLICATE_CODE", field="code", code=code))
    if not 1 <= len(name) <= 200:
        errors.append(DomainError("INVALID_LENGTH", field="name", min=1, max=200))
    if kind not in CHILD_KINDS:
        errors.append(DomainError("INVALID_CHOICE", field="kind"))
    if errors:
        raise ValidationFailed(errors)
    unit = AdminUnit(
        code=code,
        name=name,
        kind=kind,
        level=parent.level + 1,
        parent_id=parent.id,
        path=f"{parent.path}{code}/",
        valid_from=today_in_vietnam(),
    )
    await unit.save()
    return unit
