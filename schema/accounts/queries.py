"""Queries of accounts: the viewer, the users in scope, and partner keys."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from accounts import services as accounts
from accounts.models import User as UserModel
from core.actor import EDITOR_ROLES, Role
from network import admin_units
from schema.accounts.types import ApiKeyType, UserType
from schema.core.pagination import Connection, paginate, selects
from schema.core.permissions import has_role


@strawberry.type
class AccountsQuery:
    @strawberry.field(description="The signed-in user; null when anonymous.")
    async def viewer(self, info: Info) -> UserType | None:
        actor = info.context.actor
        if actor.user_id is None:
            return None
        user = await UserModel.filter(id=actor.user_id).select_related("scope").first()
        return UserType.from_model(user) if user else None

    @strawberry.field(
        description="Accounts whose scope lies in yours (and in `adminUnitCode`, if given), "
        "searchable by username or display name without diacritics.",
        permission_classes=[has_role(*EDITOR_ROLES)],
    )
    async def users(
        self,
        info: Info,
        admin_unit_code: str | None = None,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[UserType]:
        actor = info.context.actor
        within = await admin_units.within(actor, code=admin_unit_code)
        query = await accounts.search_users(actor, within=within, search=search)
        if selects(info, "edges", "node", "scope"):
            query = query.select_related("scope")
        return await paginate(info, query, first=first, after=after, to_node=UserType.from_model)

    @strawberry.field(permission_classes=[has_role(Role.PROVINCE_ADMIN)])
    async def api_keys(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[ApiKeyType]:
        query = accounts.get_api_keys(info.context.actor)
        if selects(info, "edges", "node", "adminUnit"):
            query = query.select_related("admin_unit")
        return await paginate(info, query, first=first, after=after, to_node=ApiKeyType.from_model)
