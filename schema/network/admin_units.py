"""GraphQL for the administrative tree."""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Mapping
from datetime import date
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from core.actor import EDITOR_ROLES
from core.errors import DomainError
from network import admin_units
from network.models import AdminUnit as AdminUnitModel
from network.models import AdminUnitKind
from schema.core.errors import UserError
from schema.core.loaders import at_hand_or_loaded, loader
from schema.core.mutations import mutate
from schema.core.outputs import from_row, from_values
from schema.core.pagination import Connection, paginate
from schema.core.permissions import has_role
from schema.network.loaders import AdminUnitByIdLoader

AdminUnitKindEnum = strawberry.enum(AdminUnitKind, name="AdminUnitKind")


@strawberry.type(name="AdminUnit", description="A unit of the administrative tree (any depth).")
class AdminUnitType(relay.Node):
    node_code: relay.NodeID[str]
    code: str
    name: str
    kind: AdminUnitKindEnum  # type: ignore[valid-type]
    level: int
    path: str
    valid_from: date | None
    valid_to: date | None
    parent_code: str | None
    is_active: bool

    @classmethod
    def from_model(cls, unit: AdminUnitModel, parent_code: str | None = None) -> AdminUnitType:
        if parent_code is None and unit.parent_id is not None:
            parts = unit.path.strip("/").split("/")
            parent_code = parts[-2] if len(parts) >= 2 else None
        return from_row(
            cls,
            unit,
            node_code=unit.code,
            parent_code=parent_code,
        )

    @classmethod
    def from_values(cls, row: Mapping[str, Any], prefix: str) -> AdminUnitType:
        """From a list page's joined columns (``UNIT_COLUMNS``); ``parentCode`` is not
        among them."""
        code = row.get(f"{prefix}code")
        valid_to = row.get(f"{prefix}valid_to")
        return from_values(cls, row, prefix, node_code=code, is_active=valid_to is None)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[AdminUnitType | None]:
        ids = list(node_ids)
        rows = {u.code: u for u in await AdminUnitModel.filter(code__in=ids)}
        return [cls.from_model(rows[i]) if i in rows else None for i in ids]

    @strawberry.field(description="The units directly below this one.")
    async def children(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[AdminUnitType]:
        parent = await admin_units.get(code=self.code)
        return await paginate(
            info,
            admin_units.get_all(parent=parent),
            first=first,
            after=after,
            to_node=lambda u: AdminUnitType.from_model(u, parent_code=self.code),
        )


# What each AdminUnit field reads, for list pages that join it (``columns_for``).
UNIT_COLUMNS = {
    "id": ("code",),
    "code": ("code",),
    "name": ("name",),
    "kind": ("kind",),
    "level": ("level",),
    "path": ("path",),
    "validFrom": ("valid_from",),
    "validTo": ("valid_to",),
    "isActive": ("valid_to",),
}


def admin_unit_of(
    info: Info, unit: AdminUnitModel | AdminUnitType | None, unit_id: int
) -> AdminUnitType | Awaitable[AdminUnitType]:
    """A row's admin unit: built from ``unit`` when the query prefetched it, else loaded
    by ``unit_id`` through the request's loader (use with ``graphql_type=AdminUnitType``)."""
    if isinstance(unit, AdminUnitType):
        return unit
    return at_hand_or_loaded(
        unit, lambda: loader(info, AdminUnitByIdLoader).require(unit_id), AdminUnitType.from_model
    )


def _row_admin_unit(root: Any, info: Info) -> AdminUnitType | Awaitable[AdminUnitType]:
    return admin_unit_of(info, getattr(root, "admin_unit_row", None), root.admin_unit_id)


def admin_unit_field(description: str | None = None) -> Any:
    """The ``adminUnit`` field of a type that keeps ``admin_unit_id`` (and, when its
    query may prefetch the unit, ``admin_unit_row``: the unit or None). Assign it without
    an annotation (``admin_unit = admin_unit_field()``) so it keeps its place among the
    resolvers."""
    return strawberry.field(
        resolver=_row_admin_unit, graphql_type=AdminUnitType, description=description
    )


@strawberry.type
class AdminUnitQuery:
    @strawberry.field(
        description="Units below `parentCode` (the province's units when omitted), "
        "searchable without diacritics; with `descendants`, every unit of the subtree at "
        "any depth (communes and their hamlets), in tree order."
    )
    async def admin_units(
        self,
        info: Info,
        parent_code: str | None = None,
        search: str | None = None,
        descendants: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AdminUnitType]:
        parent = (
            await admin_units.get(code=parent_code, field="parentCode")
            if parent_code
            else await admin_units.get_root()
        )
        whole_subtree = bool(search) or descendants
        query = admin_units.get_all(parent=None if whole_subtree else parent, search=search)
        if whole_subtree:
            query = query.filter(path__startswith=parent.path).exclude(id=parent.id)
        return await paginate(
            info, query, first=first, after=after, to_node=AdminUnitType.from_model
        )

    @strawberry.field
    async def admin_unit(self, info: Info, code: str) -> AdminUnitType | None:
        try:
            return AdminUnitType.from_model(await admin_units.get(code=code))
        except DomainError:
            return None


@strawberry.input
class CreateAdminUnitInput:
    parent_code: str
    code: str
    name: str
    kind: AdminUnitKindEnum  # type: ignore[valid-type]


@strawberry.type
class AdminUnitPayload:
    admin_unit: AdminUnitType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AdminUnitMutation:
    @strawberry.mutation(
        description="Add a hamlet or residential group below a unit in your scope.",
        permission_classes=[has_role(*EDITOR_ROLES)],
    )
    async def create_admin_unit(self, info: Info, input: CreateAdminUnitInput) -> AdminUnitPayload:
        async def work() -> AdminUnitModel:
            return await admin_units.create(
                info.context.actor,
                parent_code=input.parent_code,
                code=input.code,
                name=input.name,
                kind=input.kind,
            )

        def present(unit: AdminUnitModel) -> AdminUnitPayload:
            return AdminUnitPayload(admin_unit=AdminUnitType.from_model(unit))

        return await mutate(info, work, present, AdminUnitPayload)
