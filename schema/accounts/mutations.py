"""Mutations of accounts: sign-in and out, user accounts and partner API keys."""

from __future__ import annotations

from typing import Any

import strawberry
from starlette.responses import Response
from strawberry import relay
from strawberry.types import Info

from accounts import services as accounts
from accounts.models import ApiKey, User
from core.actor import EDITOR_ROLES, Role
from core.errors import DomainError
from schema.accounts.types import ApiKeyType, RoleEnum, UserType
from schema.core.errors import UserError, to_user_errors
from schema.core.ids import client_addr, global_int, required_int
from schema.core.mutations import mutate
from schema.core.permissions import IsSignedInUser, has_role

SESSION_COOKIE = "dxnet_session"
# Readable by the PWA's scripts, holding no secret: "a session was opened in this browser",
# so the first visit fetches the staff home's data beside "who is signed in" instead of
# after it (one round trip less on 3G; decision 0036). A stale one costs one wasted request.
SIGNED_IN_COOKIE = "dxnet_signed_in"


@strawberry.input
class LoginInput:
    username: str
    password: str


@strawberry.type
class LoginPayload:
    viewer: UserType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


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
    member_id: relay.GlobalID | None = strawberry.field(
        default=None,
        description="The person's registry record (a Member in your scope), so a committee "
        "member is recused automatically from their own and their organisation's initiatives.",
    )


@strawberry.input
class SetUserMemberInput:
    id: relay.GlobalID
    member_id: relay.GlobalID | None = strawberry.field(
        default=None, description="A Member in your scope; null unlinks the account."
    )


@strawberry.type
class UserPayload:
    user: UserType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class SetUserActiveInput:
    id: relay.GlobalID
    active: bool


@strawberry.input
class RevokeUserSessionsInput:
    user_id: relay.GlobalID


@strawberry.type
class RevokeUserSessionsPayload:
    revoked: int = 0
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class CreateApiKeyInput:
    name: str
    scopes: list[str] = strawberry.field(
        description="Any of read:network, read:surveys, read:recognition, read:activities, read:knowledge, read:projects, read:pii."
    )
    admin_unit_code: str | None = strawberry.field(
        default=None, description="The subtree the key may read; your scope when omitted."
    )


@strawberry.type
class CreateApiKeyPayload:
    api_key: ApiKeyType | None = None
    key: str | None = strawberry.field(
        default=None, description="The secret, shown only in this response."
    )
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class RevokeApiKeyInput:
    id: relay.GlobalID


@strawberry.type
class ApiKeyPayload:
    api_key: ApiKeyType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def user_payload(user: User) -> UserPayload:
    return UserPayload(user=UserType.from_model(user))


@strawberry.type
class AccountsMutation:
    @strawberry.mutation(description="Sign in; sets an HttpOnly session cookie.")
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        context = info.context
        # Failed attempts must be counted even though the sign-in fails, so this is not
        # ``mutate``: the throttle writes happen outside any rolled-back transaction.
        try:
            user = await accounts.authenticate(
                username=input.username, password=input.password, client_addr=client_addr(info)
            )
            _session, token = await accounts.open_session(
                user=user,
                user_agent=context.request.headers.get("user-agent", ""),
                policy=context.session_policy,
            )
        except DomainError as error:
            return LoginPayload(viewer=None, errors=to_user_errors(error, context.lang))
        set_session_cookie(info, token)
        signed_in = await User.get(id=user.id).select_related("scope")
        return LoginPayload(viewer=UserType.from_model(signed_in), errors=[])

    @strawberry.mutation(description="Sign out of this browser.")
    async def logout(self, info: Info) -> LogoutPayload:
        token = info.context.session_token
        revoked = await accounts.revoke_session(token=token) if token else False
        clear_session_cookies(info.context.response)
        return LogoutPayload(ok=revoked, errors=[])

    @strawberry.mutation(
        description="Create an account in your scope.",
        permission_classes=[has_role(*EDITOR_ROLES)],
    )
    async def create_user(self, info: Info, input: CreateUserInput) -> UserPayload:
        async def work() -> User:
            return await accounts.create_user(
                info.context.actor,
                username=input.username,
                password=input.password,
                display_name=input.display_name,
                roles=[Role(r).value for r in input.roles],
                scope_code=input.scope_code,
                member_id=global_int(input.member_id, "Member", "memberId"),
            )

        return await mutate(info, work, user_payload, UserPayload)

    @strawberry.mutation(
        description="Link an account to the person's registry record, or unlink it.",
        permission_classes=[has_role(*EDITOR_ROLES)],
    )
    async def set_user_member(self, info: Info, input: SetUserMemberInput) -> UserPayload:
        async def work() -> User:
            return await accounts.set_user_member(
                info.context.actor,
                user_id=required_int(input.id, "User"),
                member_id=global_int(input.member_id, "Member", "memberId"),
            )

        return await mutate(info, work, user_payload, UserPayload)

    @strawberry.mutation(
        description="Deactivate or reactivate an account; deactivation signs it out everywhere.",
        permission_classes=[has_role(*EDITOR_ROLES)],
    )
    async def set_user_active(self, info: Info, input: SetUserActiveInput) -> UserPayload:
        async def work() -> User:
            user_id = required_int(input.id, "User")
            return await accounts.set_user_active(
                info.context.actor, user_id=user_id, active=input.active
            )

        return await mutate(info, work, user_payload, UserPayload)

    @strawberry.mutation(
        description="End every session of a user (yourself, or one you manage).",
        permission_classes=[IsSignedInUser],
    )
    async def revoke_user_sessions(
        self, info: Info, input: RevokeUserSessionsInput
    ) -> RevokeUserSessionsPayload:
        async def work() -> int:
            user_id = required_int(input.user_id, "User", "userId")
            return await accounts.revoke_user_sessions(info.context.actor, user_id=user_id)

        return await mutate(
            info, work, lambda n: RevokeUserSessionsPayload(revoked=n), RevokeUserSessionsPayload
        )

    @strawberry.mutation(
        description="Create a partner API key. The secret is returned once.",
        permission_classes=[has_role(Role.PROVINCE_ADMIN)],
    )
    async def create_api_key(self, info: Info, input: CreateApiKeyInput) -> CreateApiKeyPayload:
        async def work() -> tuple[ApiKey, str]:
            return await accounts.create_api_key(
                info.context.actor,
                name=input.name,
                scopes=input.scopes,
                admin_unit_code=input.admin_unit_code,
            )

        def present(created: tuple[ApiKey, str]) -> CreateApiKeyPayload:
            return CreateApiKeyPayload(api_key=ApiKeyType.from_model(created[0]), key=created[1])

        return await mutate(info, work, present, CreateApiKeyPayload)

    @strawberry.mutation(permission_classes=[has_role(Role.PROVINCE_ADMIN)])
    async def revoke_api_key(self, info: Info, input: RevokeApiKeyInput) -> ApiKeyPayload:
        async def work() -> ApiKey:
            key_id = required_int(input.id, "ApiKey")
            return await accounts.revoke_api_key(info.context.actor, key_id=key_id)

        return await mutate(
            info, work, lambda key: ApiKeyPayload(api_key=ApiKeyType.from_model(key)), ApiKeyPayload
        )


def set_session_cookie(info: Info, token: str) -> None:
    context = info.context
    common: dict[str, Any] = {
        "max_age": int(context.session_policy.absolute.total_seconds()),
        "path": "/",
        "samesite": "lax",
        "secure": context.settings.cookie_secure,
    }
    context.response.set_cookie(SESSION_COOKIE, token, httponly=True, **common)
    context.response.set_cookie(SIGNED_IN_COOKIE, "1", httponly=False, **common)


def clear_session_cookies(response: Response) -> None:
    """The session and its readable hint, together."""
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(SIGNED_IN_COOKIE, path="/")
