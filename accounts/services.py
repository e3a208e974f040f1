"""Sign-in, sessions, API keys and user administration.

Services take the ``Actor`` first and do not commit on their own; callers that own a use
case wrap them in ``in_transaction()``.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.expressions import F
from tortoise.queryset import QuerySet

from accounts import throttle
from accounts.errors import InvalidCredentials, LoginLocked
from accounts.models import ApiKey, Session, User
from accounts.passwords import MAX_LENGTH, MIN_LENGTH, hash_password, needs_rehash, verify_password
from core import audit
from core.actor import EDITOR_ROLES, Actor, ApiScope, Role
from core.clock import utcnow
from core.errors import (
    DomainError,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    ValidationFailed,
)
from core.queries import PreparedValues
from core.text import fold, fold_search
from network import admin_units
from network import members as registry_members
from network.models import AdminUnit

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
API_KEY_PREFIX = "dxn_"


def hash_token(token: str) -> str:
    """Tokens are 256-bit random values, so a fast hash is enough to store them safely."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(hours=72)
    absolute: timedelta = timedelta(days=30)
    # Write the sliding expiry at most this often, not on every request.
    touch_every: timedelta = timedelta(minutes=5)


@dataclass(frozen=True)
class ThrottlePolicy:
    window: timedelta = timedelta(minutes=15)
    lock_for: timedelta = timedelta(minutes=15)
    max_user_failures: int = 5
    max_address_failures: int = 30
    delay_base_seconds: float = 0.25
    delay_cap_seconds: float = 2.0

    def delay(self, failures: int) -> float:
        """Slow down repeated failures: 0.25 s, 0.5 s, 1 s, 2 s, 2 s, ..."""
        if failures <= 1:
            return 0.0
        return float(min(self.delay_cap_seconds, self.delay_base_seconds * 2 ** (failures - 2)))


THROTTLE = ThrottlePolicy()


def normalize_username(username: str) -> str:
    return username.strip().lower()


# -- actors ----------------------------------------------------------------------------


def actor_for_user(user: User, scope: AdminUnit, session: Session | None = None) -> Actor:
    return _user_actor(
        user_id=user.id,
        roles=user.roles,
        member_id=user.member_id,
        scope_path=scope.path,
        scope_code=scope.code,
        session_id=session.id if session else None,
    )


def _user_actor(
    *,
    user_id: int,
    roles: Sequence[str],
    member_id: int | None,
    scope_path: str,
    scope_code: str,
    session_id: int | None,
) -> Actor:
    held = frozenset(Role(r) for r in roles if r in Role.__members__)
    # A partner's staff get no admin-unit scope: every scoped read (registry, events, ...)
    # then shows them nothing, and support/access.py gives them their organisation's data.
    partner = Role.PARTNER in held
    return Actor(
        kind="user",
        roles=frozenset({Role.PARTNER}) if partner else held,
        scope_path=None if partner else scope_path,
        scope_code=None if partner else scope_code,
        user_id=user_id,
        session_id=session_id,
        member_id=member_id,
        label=f"user:{user_id}",
    )


def actor_for_api_key(key: ApiKey, scope: AdminUnit) -> Actor:
    return Actor(
        kind="api_key",
        api_scopes=frozenset(ApiScope(s) for s in key.scopes if s in set(ApiScope)),
        scope_path=scope.path,
        scope_code=scope.code,
        api_key_id=key.id,
        label=f"api_key:{key.id}",
    )


# -- sign-in throttling ------------------------------------------------------------------


async def authenticate(
    *,
    username: str,
    password: str,
    client_addr: str,
    now: datetime | None = None,
    policy: ThrottlePolicy | None = None,
) -> User:
    """Check a username and password, with per-username and per-address lockout.

    An attempt is reserved on both counters (address first, then username) before the
    password is verified, each in one atomic statement (``accounts.throttle``), so
    parallel guesses cannot outrun the lock: at most ``max_user_failures`` passwords of
    one username are verified in a window, whatever the number of workers. Unknown
    usernames and wrong passwords fail the same way, in the same time.
    """
    policy = policy or THROTTLE
    now = now or utcnow()
    name = normalize_username(username)[:64]
    user_key, addr_key = f"user:{name}", f"addr:{client_addr[:120]}"
    if (
        await throttle.reserve(
            addr_key, limit=policy.max_address_failures, window=policy.window, now=now
        )
        is None
    ):
        raise LoginLocked(await throttle.retry_after([addr_key], window=policy.window, now=now))
    attempt = await throttle.reserve(
        user_key, limit=policy.max_user_failures, window=policy.window, now=now
    )
    if attempt is None:
        await throttle.release(addr_key)
        raise LoginLocked(await throttle.retry_after([user_key], window=policy.window, now=now))

    user = await User.get_or_none(username=name, is_active=True) if name else None
    # Argon2 takes tens of milliseconds: off the event loop, so other requests go on.
    ok = await asyncio.to_thread(
        verify_password, user.password_hash if user else None, password[:MAX_LENGTH]
    )
    if user is not None and ok:
        await throttle.clear(user_key)
        await throttle.release(addr_key)
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = now
        await user.save(update_fields=["password_hash", "last_login_at"])
        return user

    await throttle.lock_if_full(
        user_key, limit=policy.max_user_failures, lock_for=policy.lock_for, now=now
    )
    await throttle.lock_if_full(
        addr_key, limit=policy.max_address_failures, lock_for=policy.lock_for, now=now
    )
    await asyncio.sleep(policy.delay(attempt))
    remaining = await throttle.locked_for([user_key, addr_key], now=now)
    if remaining:
        raise LoginLocked(remaining)
    raise InvalidCredentials(field="password")


# -- sessions ---------------------------------------------------------------------------


async def open_session(
    *, user: User, user_agent: str = "", policy: SessionPolicy, now: datetime | None = None
) -> tuple[Session, str]:
    """Start a session; returns it with the raw token, which is never stored."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session = await Session.create(
        token_hash=hash_token(token),
        user_id=user.id,
        last_seen_at=now,
        expires_at=min(now + policy.idle, now + policy.absolute),
        absolute_expires_at=now + policy.absolute,
        user_agent=user_agent[:255],
    )
    return session, token


# What a request's session look-up reads: columns, not three models (every request).
_SESSION_COLUMNS = (
    "id",
    "revoked_at",
    "expires_at",
    "absolute_expires_at",
    "last_seen_at",
    "user_id",
    "user__is_active",
    "user__roles",
    "user__member_id",
    "user__scope__path",
    "user__scope__code",
)

# Built once per dialect: every request runs it (decision 0042).
_SESSION_LOOKUP = PreparedValues(
    lambda token_hash: Session.filter(token_hash=token_hash).first().values(*_SESSION_COLUMNS),
    token_hash="dxnet:marker:token_hash",
)


async def resolve_session(
    *, token: str, policy: SessionPolicy, now: datetime | None = None
) -> Actor:
    """Who the live session for ``token`` signs in, its expiry slid forward;
    Unauthenticated otherwise."""
    now = now or utcnow()
    row = await _SESSION_LOOKUP(Session, token_hash=hash_token(token))
    if (
        row is None
        or row["revoked_at"] is not None
        or row["expires_at"] <= now
        or row["absolute_expires_at"] <= now
        or not row["user__is_active"]
    ):
        raise Unauthenticated()
    if now - row["last_seen_at"] >= policy.touch_every:
        await Session.filter(id=row["id"]).update(
            last_seen_at=now, expires_at=min(now + policy.idle, row["absolute_expires_at"])
        )
    return _user_actor(
        user_id=row["user_id"],
        roles=row["user__roles"] or (),
        member_id=row["user__member_id"],
        scope_path=row["user__scope__path"],
        scope_code=row["user__scope__code"],
        session_id=row["id"],
    )


async def revoke_session(*, token: str, now: datetime | None = None) -> bool:
    updated = await Session.filter(token_hash=hash_token(token), revoked_at=None).update(
        revoked_at=now or utcnow()
    )
    return bool(updated)


async def revoke_user_sessions(actor: Actor, *, user_id: int, now: datetime | None = None) -> int:
    """Sign a user out everywhere (themself, or a user an admin or manager may manage)."""
    if actor.user_id != user_id:
        await get_user(actor, user_id=user_id)
    revoked = await Session.filter(user_id=user_id, revoked_at=None).update(
        revoked_at=now or utcnow()
    )
    await audit.record(actor, "user.revoke_sessions", "User", user_id, ["sessions"])
    return revoked


# -- API keys ---------------------------------------------------------------------------


def _require_admin(actor: Actor) -> None:
    if not actor.has_role(Role.PROVINCE_ADMIN):
        raise PermissionDenied()


async def create_api_key(
    actor: Actor, *, name: str, scopes: Sequence[str], admin_unit_code: str | None = None
) -> tuple[ApiKey, str]:
    """Create a partner key; returns it with the raw key, shown to the caller once."""
    _require_admin(actor)
    errors: list[DomainError] = []
    name = " ".join(name.split())
    if not 1 <= len(name) <= 120:
        errors.append(DomainError("INVALID_LENGTH", field="name", min=1, max=120))
    unknown = [s for s in scopes if s not in {str(v) for v in ApiScope}]
    if unknown or not scopes:
        errors.append(DomainError("UNKNOWN_SCOPE", field="scopes", value=", ".join(unknown)))
    if errors:
        raise ValidationFailed(errors)
    if admin_unit_code:
        unit = await admin_units.get_in_scope(actor, code=admin_unit_code)
    else:
        unit = await admin_units.get(code=actor.scope_code or "")
    raw = API_KEY_PREFIX + secrets.token_urlsafe(32)
    key = await ApiKey.create(
        name=name,
        prefix=raw[: len(API_KEY_PREFIX) + 6],
        key_hash=hash_token(raw),
        scopes=sorted(set(scopes)),
        admin_unit_id=unit.id,
        created_by_id=actor.user_id,
    )
    await audit.record(actor, "api_key.create", "ApiKey", key.id, ["name", "scopes", "admin_unit"])
    return key, raw


async def resolve_api_key(*, raw: str, now: datetime | None = None) -> tuple[ApiKey, AdminUnit]:
    now = now or utcnow()
    key = await ApiKey.filter(key_hash=hash_token(raw)).select_related("admin_unit").first()
    if key is None or key.revoked_at is not None:
        raise Unauthenticated()
    if key.last_used_at is None or now - key.last_used_at >= timedelta(minutes=1):
        await ApiKey.filter(id=key.id).update(last_used_at=now)
        key.last_used_at = now
    return key, key.admin_unit


def get_api_keys(actor: Actor) -> QuerySet[ApiKey]:
    _require_admin(actor)
    return ApiKey.all().order_by("-created_at", "-id")


async def revoke_api_key(actor: Actor, *, key_id: int, now: datetime | None = None) -> ApiKey:
    _require_admin(actor)
    key = await ApiKey.get_or_none(id=key_id)
    if key is None:
        raise NotFound(field="id")
    if key.revoked_at is None:
        key.revoked_at = now or utcnow()
        await key.save(update_fields=["revoked_at"])
        await audit.record(actor, "api_key.revoke", "ApiKey", key.id, ["revoked_at"])
    return key


# -- users ------------------------------------------------------------------------------


def _require_manager(actor: Actor) -> None:
    if not actor.has_role(*EDITOR_ROLES):
        raise PermissionDenied()


def get_users(actor: Actor, *, within: AdminUnit | None = None) -> QuerySet[User]:
    """Users whose scope lies in the actor's subtree (and in ``within``, if given)."""
    _require_manager(actor)
    query = User.filter(scope__path__startswith=actor.scope_path or "\x00")
    if within is not None:
        query = query.filter(scope__path__startswith=within.path)
    return query.order_by("username")


async def search_users(
    actor: Actor, *, within: AdminUnit | None = None, search: str | None = None
) -> QuerySet[User]:
    """``get_users``, narrowed to usernames or display names holding ``search``, with case
    and diacritics ignored ("nguyen" finds "Nguyễn"). A province has hundreds of accounts,
    not millions, so the names in scope are read in one query (two columns) and folded
    here rather than kept folded in a column of their own."""
    query = get_users(actor, within=within)
    term = fold_search(search or "")
    if not term:
        return query
    rows = await query.values_list("id", "username", "display_name")
    ids = [i for i, username, name in rows if term in username or term in fold(name)]
    return query.filter(id__in=ids)


async def get_user(actor: Actor, *, user_id: int) -> User:
    if actor.user_id == user_id:
        user = await User.get_or_none(id=user_id)
    else:
        user = await get_users(actor).filter(id=user_id).first()
    if user is None:
        raise NotFound(field="id")
    return user


async def create_user(
    actor: Actor,
    *,
    username: str,
    password: str,
    display_name: str,
    roles: Sequence[str],
    scope_code: str,
    member_id: int | None = None,
) -> User:
    """Create an account. Managers create accounts inside their subtree, never admins.

    ``member_id`` links the account to the person's registry record (in the creator's
    scope): a committee member is then recused automatically from their own initiatives
    and their organisation's.
    """
    _require_manager(actor)
    errors: list[DomainError] = []
    name = normalize_username(username)
    display_name = " ".join(display_name.split())
    if not _USERNAME.match(name):
        errors.append(DomainError("INVALID_USERNAME", field="username"))
    elif await User.exists(username=name):
        errors.append(DomainError("DUPLICATE_USERNAME", field="username"))
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        errors.append(DomainError("PASSWORD_TOO_SHORT", field="password", min=MIN_LENGTH))
    if not 1 <= len(display_name) <= 200:
        errors.append(DomainError("INVALID_LENGTH", field="displayName", min=1, max=200))
    unknown = [r for r in roles if r not in Role.__members__]
    if unknown or not roles:
        errors.append(DomainError("UNKNOWN_ROLE", field="roles", value=", ".join(unknown)))
    elif Role.PROVINCE_ADMIN in roles and not actor.has_role(Role.PROVINCE_ADMIN):
        errors.append(PermissionDenied("ROLE_NOT_GRANTABLE", field="roles"))
    elif Role.PARTNER in roles and (len(set(roles)) > 1 or member_id is None):
        # A partner account is only a partner, and its registry member names its organisation.
        errors.append(DomainError("PARTNER_NEEDS_MEMBER", field="roles"))
    scope: AdminUnit | None = None
    try:
        scope = await admin_units.get_in_scope(actor, code=scope_code, field="scopeCode")
    except DomainError as error:
        errors.append(error)
    if member_id is not None:
        try:
            await registry_members.get(actor, member_id=member_id, field="memberId")
        except DomainError as error:
            errors.append(error)
    if errors or scope is None:
        raise ValidationFailed(errors)
    user = await User.create(
        username=name,
        password_hash=hash_password(password),
        display_name=display_name,
        roles=sorted(set(roles)),
        scope_id=scope.id,
        member_id=member_id,
        password_changed_at=utcnow(),
    )
    changed = ["username", "display_name", "roles", "scope"]
    await audit.record(
        actor, "user.create", "User", user.id, [*changed, "member"] if member_id else changed
    )
    return user


async def set_user_member(actor: Actor, *, user_id: int, member_id: int | None) -> User:
    """Link an account to a registry member in the manager's scope, or unlink it (None)."""
    _require_manager(actor)
    user = await get_user(actor, user_id=user_id)
    if Role.PROVINCE_ADMIN in user.roles and not actor.has_role(Role.PROVINCE_ADMIN):
        raise PermissionDenied()
    if member_id is not None:
        await registry_members.get(actor, member_id=member_id, field="memberId")
    user.member_id = member_id
    await user.save(update_fields=["member_id", "updated_at"])
    await audit.record(actor, "user.link_member", "User", user.id, ["member"])
    return user


async def set_user_active(actor: Actor, *, user_id: int, active: bool) -> User:
    """Deactivate (or reactivate) an account; deactivation ends its sessions."""
    _require_manager(actor)
    if actor.user_id == user_id:
        raise PermissionDenied("CANNOT_DEACTIVATE_SELF", field="id")
    user = await get_user(actor, user_id=user_id)
    if Role.PROVINCE_ADMIN in user.roles and not actor.has_role(Role.PROVINCE_ADMIN):
        raise PermissionDenied()
    user.is_active = active
    await user.save(update_fields=["is_active", "updated_at"])
    if not active:
        await Session.filter(user_id=user.id, revoked_at=None).update(revoked_at=utcnow())
    action = "user.reactivate" if active else "user.deactivate"
    await audit.record(actor, action, "User", user.id, ["is_active"])
    return user


# What other domains may ask of accounts: users by id, and their display names, each in
# one query (or none). They never read the account tables themselves (docs/decisions/0013).


@dataclass(frozen=True)
class UserSummary:
    """What another domain may know of a user: who they are and the roles they hold."""

    id: int
    username: str
    display_name: str
    roles: frozenset[str]


async def active_users_by_ids(user_ids: Iterable[int]) -> dict[int, UserSummary]:
    """The active users among ``user_ids``, by id, in one query; unknown and deactivated
    ids are absent from the result."""
    users = await User.filter(id__in=list(user_ids), is_active=True)
    return {u.id: UserSummary(u.id, u.username, u.display_name, frozenset(u.roles)) for u in users}


def display_name_of(user_relation: str) -> F:
    """The display name of the user a foreign key of the queried model points at, as an
    expression to ``annotate`` that query with: one join, never an extra query.

    ``Ballot.filter(...).annotate(voter_name=display_name_of("voter"))``
    """
    return F(f"{user_relation}__display_name")
