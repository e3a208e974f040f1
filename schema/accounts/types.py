"""GraphQL types of accounts: users who sign in and partner API keys."""

from __future__ import annotations

from collections.abc import Awaitable, Iterable
from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.types import Info

from accounts import services as accounts
from accounts.models import ApiKey as ApiKeyModel
from accounts.models import User as UserModel
from core.actor import Role
from network.models import AdminUnit as AdminUnitModel
from schema.core.ids import is_node_key, node_key, nodes_read_by
from schema.core.loaders import loader
from schema.core.outputs import from_row
from schema.network.admin_units import AdminUnitType, admin_unit_field, admin_unit_of
from schema.network.loaders import MemberByIdLoader
from schema.network.types import MemberType

RoleEnum = strawberry.enum(Role, name="Role")


@strawberry.type(name="User", description="A person who signs in to DXNet.")
class UserType(relay.Node):
    id: relay.NodeID[int]
    username: str
    display_name: str
    roles: list[RoleEnum]  # type: ignore[valid-type]
    is_active: bool
    last_login_at: datetime | None
    scope_id: strawberry.Private[int]
    scope_unit: strawberry.Private[AdminUnitModel | None]
    member_id: strawberry.Private[int | None]

    @strawberry.field(
        description="The admin unit whose subtree this user may see and change.",
        graphql_type=AdminUnitType,
    )
    def scope(self, info: Info) -> AdminUnitType | Awaitable[AdminUnitType]:
        return admin_unit_of(info, self.scope_unit, self.scope_id)

    @strawberry.field(
        description="The person's registry record, when the account is linked to one you "
        "may see (automatic recusal on committees uses it).",
        graphql_type=MemberType | None,
    )
    async def member(self, info: Info) -> MemberType | None:
        if self.member_id is None:
            return None
        row = await loader(info, MemberByIdLoader).load(self.member_id)
        if row is None or not info.context.actor.can_see(row.unit_path):
            return None
        return MemberType.from_model(row, info)

    @classmethod
    def from_model(cls, user: UserModel) -> UserType:
        scope = getattr(user, "_scope", None)
        return from_row(
            cls,
            user,
            roles=[Role(r) for r in user.roles if r in Role.__members__],
            scope_unit=scope if isinstance(scope, AdminUnitModel) else None,
        )

    resolve_nodes = nodes_read_by(lambda actor, pk: accounts.get_user(actor, user_id=pk))


@strawberry.type(
    name="ApiKey", description="A partner application's key (the secret is shown once)."
)
class ApiKeyType(relay.Node):
    id: relay.NodeID[int]
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    admin_unit_id: strawberry.Private[int]
    admin_unit_row: strawberry.Private[AdminUnitModel | None]

    admin_unit = admin_unit_field(
        "The admin unit whose subtree the key may read, and nothing outside it."
    )

    @classmethod
    def from_model(cls, key: ApiKeyModel) -> ApiKeyType:
        unit = getattr(key, "_admin_unit", None)
        return from_row(
            cls,
            key,
            scopes=list(key.scopes),
            admin_unit_row=unit if isinstance(unit, AdminUnitModel) else None,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ApiKeyType | None]:
        if not info.context.actor.has_role(Role.PROVINCE_ADMIN):
            return [None for _ in node_ids]
        ids = [node_key(i) for i in node_ids if is_node_key(i)]
        rows = {k.id: k for k in await ApiKeyModel.filter(id__in=ids)}
        return [
            cls.from_model(rows[node_key(i)]) if is_node_key(i) and node_key(i) in rows else None
            for i in node_ids
        ]
