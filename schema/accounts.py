"""GraphQL for sign-in, the viewer, user accounts and partner API keys."""

from __future__ import annotations

from collections.abc import Awaitable, Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from accounts import services as accounts
from accounts.models import ApiKey as ApiKeyModel
from accounts.models import User as UserModel
from core.actor import EDITOR_ROLES, Role
from core.errors import DomainError
from network import admin_units
from network.models import AdminUnit as AdminUnitModel
from schema.errors import UserError, run_mutation, to_user_errors
from schema.ids import client_addr, required_int
from schema.network import AdminUnitType
from schema.pagination import Connection, paginate, selects
from schema.permissions import IsSignedInUser, has_role

RoleEnum = strawberry.enum(Role, name="Role")
SESSION_COOKIE = "dxnet_session"


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

    @strawberry.field(
        description="The admin unit whose subtree this user may see and change.",
        graphql_type=AdminUnitType,
    )
    def scope(self, info: Info) -> AdminUnitType | Awaitable[AdminUnitType]:
        # Plain value when the list prefetched it; a DataLoader future otherwise.
        if self.scope_unit is not None:
            return AdminUnitType.from_model(self.scope_unit)

        async def load() -> AdminUnitType:
            unit = await info.context.loaders.admin_unit_by_id.load(self.scope_id)
            return AdminUnitType.from_model(unit)

        return load()

    @classmethod
    def from_model(cls, user: UserModel) -> UserType:
        scope = getattr(user, "_scope", None)
        return cls(
            id=user.id,
            username=user.username,
            display_name=user.display_name,
            roles=[Role(r) for r in user.roles if r in Role.__members__],
            is_active=user.is_active,
            last_login_at=user.last_login_at,
            scope_id=user.scope_id,
            scope_unit=scope if isinstance(scope, AdminUnitModel) else None,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[UserType | None]:
        actor = info.context.actor
        result: list[UserType | None] = []
        for node_id in node_ids:
            try:
                result.append(cls.from_model(await accounts.get_user(actor, user_id=int(node_id))))
            except (DomainError, ValueError):
                result.append(None)
        return result


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

    @classmethod
    def from_model(cls, key: ApiKeyModel) -> ApiKeyType:
        return cls(
            id=key.id,
            name=key.name,
            prefix=key.prefix,
            scopes=list(key.scopes),
            created_at=key.created_at,
            last_used_at=key.last_used_at,
            revoked_at=key.revoked_at,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ApiKeyType | None]:
        if not info.context.actor.has_role(Role.PROVINCE_ADMIN):
            return [None for _ in node_ids]
        ids = [int(i) for i in node_ids if i.isdigit()]
        rows = {k.id: k for k in await ApiKeyModel.filter(id__in=ids)}
        return [
            cls.from_model(rows[int(i)]) if i.isdigit() and int(i) in rows else None
            for i in node_ids
        ]


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
        description="Accounts whose scope lies in yours (and in `adminUnitCode`, if given).",
        permission_classes=[has_role(*EDITOR_ROLES)],
    )
    async def users(
        self,
        info: Info,
        admin_unit_code: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[UserType]:
        actor = info.context.actor
        within = (
            await admin_units.get_in_scope(actor, code=admin_unit_code) if admin_unit_code else None
        )
        query = accounts.get_users(actor, within=within)
        if selects(info, "edges", "node", "scope"):
            query = query.select_related("scope")
        return await paginate(info, query, first=first, after=after, to_node=UserType.from_model)

    @strawberry.field(permission_classes=[has_role(Role.PROVINCE_ADMIN)])
    async def api_keys(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[ApiKeyType]:
        query = accounts.get_api_keys(info.context.actor)
        return await paginate(info, query, first=first, after=after, to_node=ApiKeyType.from_model)


@strawberry.input
class LoginInput:
    username: str
    password: str


@strawberry.type
class LoginPayload:
    viewer: UserType | None
    errors: list[UserError]


@strawberry.type
class LogoutPayload:
    ok: bool
    errors: list[UserError]


@strawberry.input
class CreateUserInput:
    username: str
    password: str
    display_name: str
    roles: list[RoleEnum]  # type: ignore[valid-type]
    scope_code: str


@strawberry.type
class UserPayload:
    user: UserType | None
    errors: list[UserError]


@strawberry.input
class SetUserActiveInput:
    id: relay.GlobalID
    active: bool


@strawberry.input
class RevokeUserSessionsInput:
    user_id: relay.GlobalID


@strawberry.type
class RevokeUserSessionsPayload:
    revoked: int
    errors: list[UserError]


@strawberry.input
class CreateApiKeyInput:
    name: str
    scopes: list[str] = strawberry.field(
        description="Any of read:network, read:surveys, read:recognition, read:activities, read:pii."
    )
    admin_unit_code: str | None = strawberry.field(
        default=None, description="The subtree the key may read; your scope when omitted."
    )


@strawberry.type
class CreateApiKeyPayload:
    api_key: ApiKeyType | None
    key: str | None = strawberry.field(description="The secret, shown only in this response.")
    errors: list[UserError]


@strawberry.input
class RevokeApiKeyInput:
    id: relay.GlobalID


@strawberry.type
class ApiKeyPayload:
    api_key: ApiKeyType | None
    errors: list[UserError]


@strawberry.type
class AccountsMutation:
    @strawberry.mutation(description="Sign in; sets an HttpOnly session cookie.")
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        context = info.context

        async def work() -> Any:
            user = await accounts.authenticate(
                username=input.username, password=input.password, client_addr=client_addr(info)
            )
            _session, token = await accounts.open_session(
                user=user,
                user_agent=context.request.headers.get("user-agent", ""),
                policy=context.session_policy,
            )
            return user, token

        # Failed attempts must be counted even though the sign-in fails, so the throttle
        # writes happen outside the rolled-back transaction.
        try:
            user, token = await work()
        except DomainError as error:
            return LoginPayload(viewer=None, errors=to_user_errors(error, context.lang))
        set_session_cookie(info, token)
        signed_in = await UserModel.get(id=user.id).select_related("scope")
        return LoginPayload(viewer=UserType.from_model(signed_in), errors=[])

    @strawberry.mutation(description="Sign out of this browser.")
    async def logout(self, info: Info) -> LogoutPayload:
        token = info.context.session_token
        revoked = await accounts.revoke_session(token=token) if token else False
        info.context.response.delete_cookie(SESSION_COOKIE, path="/")
        return LogoutPayload(ok=revoked, errors=[])

    @strawberry.mutation(
        description="Create an account in your scope.",
        permission_classes=[has_role(*EDITOR_ROLES)],
    )
    async def create_user(self, info: Info, input: CreateUserInput) -> UserPayload:
        async def work() -> Any:
            return await accounts.create_user(
                info.context.actor,
                username=input.username,
                password=input.password,
                display_name=input.display_name,
                roles=[Role(r).value for r in input.roles],
                scope_code=input.scope_code,
            )

        user, errors = await run_mutation(info, work)
        return UserPayload(user=UserType.from_model(user) if user else None, errors=errors)

    @strawberry.mutation(
        description="Deactivate or reactivate an account; deactivation signs it out everywhere.",
        permission_classes=[has_role(*EDITOR_ROLES)],
    )
    async def set_user_active(self, info: Info, input: SetUserActiveInput) -> UserPayload:
        async def work() -> Any:
            return await accounts.set_user_active(
                info.context.actor, user_id=required_int(input.id, "User"), active=input.active
            )

        user, errors = await run_mutation(info, work)
        return UserPayload(user=UserType.from_model(user) if user else None, errors=errors)

    @strawberry.mutation(
        description="End every session of a user (yourself, or one you manage).",
        permission_classes=[IsSignedInUser],
    )
    async def revoke_user_sessions(
        self, info: Info, input: RevokeUserSessionsInput
    ) -> RevokeUserSessionsPayload:
        async def work() -> Any:
            return await accounts.revoke_user_sessions(
                info.context.actor, user_id=required_int(input.user_id, "User", "userId")
            )

        revoked, errors = await run_mutation(info, work)
        return RevokeUserSessionsPayload(revoked=revoked or 0, errors=errors)

    @strawberry.mutation(
        description="Create a partner API key. The secret is returned once.",
        permission_classes=[has_role(Role.PROVINCE_ADMIN)],
    )
    async def create_api_key(self, info: Info, input: CreateApiKeyInput) -> CreateApiKeyPayload:
        async def work() -> Any:
            return await accounts.create_api_key(
                info.context.actor,
                name=input.name,
                scopes=input.scopes,
                admin_unit_code=input.admin_unit_code,
            )

        result, errors = await run_mutation(info, work)
        if result is None:
            return CreateApiKeyPayload(api_key=None, key=None, errors=errors)
        key, raw = result
        return CreateApiKeyPayload(api_key=ApiKeyType.from_model(key), key=raw, errors=[])

    @strawberry.mutation(permission_classes=[has_role(Role.PROVINCE_ADMIN)])
    async def revoke_api_key(self, info: Info, input: RevokeApiKeyInput) -> ApiKeyPayload:
        async def work() -> Any:
            return await accounts.revoke_api_key(
                info.context.actor, key_id=required_int(input.id, "ApiKey")
            )

        key, errors = await run_mutation(info, work)
        return ApiKeyPayload(api_key=ApiKeyType.from_model(key) if key else None, errors=errors)


def set_session_cookie(info: Info, token: str) -> None:
    context = info.context
    context.response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(context.session_policy.absolute.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=context.settings.cookie_secure,
    )
