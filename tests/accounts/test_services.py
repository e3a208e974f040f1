"""Sign-in, lockout, sessions and API keys, at the service level."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from accounts import services
from accounts.errors import InvalidCredentials, LoginLocked
from accounts.models import ApiKey, LoginThrottle, Session, User
from accounts.services import SessionPolicy, ThrottlePolicy
from core.actor import Actor, ApiScope, Role
from core.clock import utcnow
from core.errors import NotFound, PermissionDenied, Unauthenticated, ValidationFailed
from tests.helpers import PASSWORD, actor_for, make_user

POLICY = SessionPolicy(idle=timedelta(hours=2), absolute=timedelta(days=1))


async def test_authenticate_accepts_the_right_password_case_insensitively(system: Actor) -> None:
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")

    user = await services.authenticate(username=" Hoa.Nguyen ", password=PASSWORD, client_addr="a")

    assert user.username == "hoa.nguyen"
    assert user.last_login_at is not None


@pytest.mark.parametrize("username", ["hoa.nguyen", "nobody.here"])
async def test_wrong_password_and_unknown_user_fail_the_same_way(
    system: Actor, username: str
) -> None:
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")

    with pytest.raises(InvalidCredentials) as caught:
        await services.authenticate(username=username, password="wrong-password", client_addr="a")

    assert (caught.value.code, caught.value.field, caught.value.params) == (
        "INVALID_CREDENTIALS",
        "password",
        {},
    )


async def test_username_locks_after_five_failures_even_with_the_right_password(
    system: Actor,
) -> None:
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    for _ in range(4):
        with pytest.raises(InvalidCredentials):
            await services.authenticate(username="hoa.nguyen", password="bad", client_addr="a")

    with pytest.raises(LoginLocked) as fifth:
        await services.authenticate(username="hoa.nguyen", password="bad", client_addr="a")
    with pytest.raises(LoginLocked):
        await services.authenticate(username="hoa.nguyen", password=PASSWORD, client_addr="b")

    assert 14 * 60 < fifth.value.retry_after_seconds <= 15 * 60
    assert fifth.value.params == {"minutes": 15}


async def test_lock_expires_after_its_period(system: Actor) -> None:
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    start = utcnow()
    for _ in range(4):
        with pytest.raises(InvalidCredentials):
            await services.authenticate(
                username="hoa.nguyen", password="bad", client_addr="a", now=start
            )
    with pytest.raises(LoginLocked):
        await services.authenticate(
            username="hoa.nguyen", password="bad", client_addr="a", now=start
        )

    later = start + timedelta(minutes=16)
    user = await services.authenticate(
        username="hoa.nguyen", password=PASSWORD, client_addr="a", now=later
    )

    assert user.username == "hoa.nguyen"
    assert not await LoginThrottle.filter(key="user:hoa.nguyen").exists()


async def test_unknown_usernames_lock_too_so_locking_reveals_nothing(db: str) -> None:
    for _ in range(4):
        with pytest.raises(InvalidCredentials):
            await services.authenticate(username="ghost", password="bad", client_addr="a")
    with pytest.raises(LoginLocked):
        await services.authenticate(username="ghost", password="bad", client_addr="a")


async def test_client_address_locks_across_usernames(system: Actor) -> None:
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    policy = ThrottlePolicy(max_address_failures=3, delay_base_seconds=0)
    for name in ("u1", "u2"):
        with pytest.raises(InvalidCredentials):
            await services.authenticate(
                username=name, password="x", client_addr="10.0.0.9", policy=policy
            )
    with pytest.raises(LoginLocked):
        await services.authenticate(
            username="u3", password="x", client_addr="10.0.0.9", policy=policy
        )

    with pytest.raises(LoginLocked):
        await services.authenticate(
            username="hoa.nguyen", password=PASSWORD, client_addr="10.0.0.9", policy=policy
        )
    user = await services.authenticate(
        username="hoa.nguyen", password=PASSWORD, client_addr="10.0.0.10", policy=policy
    )
    assert user.username == "hoa.nguyen"


def test_failures_slow_down_and_cap() -> None:
    policy = ThrottlePolicy()
    assert [policy.delay(n) for n in range(1, 7)] == [0.0, 0.25, 0.5, 1.0, 2.0, 2.0]


async def test_session_slides_on_use_and_ends_at_idle_timeout(system: Actor) -> None:
    user = await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    start = utcnow()
    session, token = await services.open_session(user=user, policy=POLICY, now=start)
    assert session.token_hash != token and len(token) >= 43

    later = start + timedelta(hours=1, minutes=30)
    actor = await services.resolve_session(token=token, policy=POLICY, now=later)
    assert (actor.user_id, actor.scope_code, actor.session_id) == (user.id, "32002", session.id)
    assert actor.roles == {Role.FIELD_STAFF}
    stored = await Session.get(id=session.id)
    assert stored.expires_at == later + POLICY.idle

    with pytest.raises(Unauthenticated):
        await services.resolve_session(token=token, policy=POLICY, now=later + timedelta(hours=2))


async def test_session_ends_at_absolute_expiry_even_when_used(system: Actor) -> None:
    user = await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    start = utcnow()
    _session, token = await services.open_session(user=user, policy=POLICY, now=start)
    moment = start
    for _ in range(12):
        moment += timedelta(hours=1, minutes=50)
        if moment >= start + POLICY.absolute:
            break
        await services.resolve_session(token=token, policy=POLICY, now=moment)

    with pytest.raises(Unauthenticated):
        await services.resolve_session(token=token, policy=POLICY, now=start + POLICY.absolute)


async def test_revoked_session_and_deactivated_user_are_refused(system: Actor) -> None:
    user = await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    _s, token = await services.open_session(user=user, policy=POLICY)
    _s2, other = await services.open_session(user=user, policy=POLICY)

    assert await services.revoke_session(token=token)
    with pytest.raises(Unauthenticated):
        await services.resolve_session(token=token, policy=POLICY)

    await services.set_user_active(system, user_id=user.id, active=False)
    with pytest.raises(Unauthenticated):
        await services.resolve_session(token=other, policy=POLICY)


async def test_unknown_token_is_refused(db: str) -> None:
    with pytest.raises(Unauthenticated):
        await services.resolve_session(token="not-a-token", policy=POLICY)


async def test_api_key_is_stored_hashed_and_can_be_revoked(system: Actor) -> None:
    key, raw = await services.create_api_key(
        system, name="VNPT Cà Mau", scopes=["read:network", "read:pii"]
    )

    stored = await ApiKey.get(id=key.id)
    assert raw.startswith("dxn_") and raw not in (stored.key_hash, stored.prefix)
    assert stored.key_hash == services.hash_token(raw)
    resolved, unit = await services.resolve_api_key(raw=raw)
    actor = services.actor_for_api_key(resolved, unit)
    assert actor.api_scopes == {ApiScope.READ_NETWORK, ApiScope.READ_PII}
    assert actor.roles == frozenset() and actor.scope_code == "96"
    assert (await ApiKey.get(id=key.id)).last_used_at is not None

    await services.revoke_api_key(system, key_id=key.id)
    with pytest.raises(Unauthenticated):
        await services.resolve_api_key(raw=raw)


async def test_api_key_rejects_unknown_scopes(system: Actor) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await services.create_api_key(system, name="", scopes=["write:everything"])

    assert sorted((e.field, e.code) for e in caught.value.errors) == [
        ("name", "INVALID_LENGTH"),
        ("scopes", "UNKNOWN_SCOPE"),
    ]


@pytest.mark.parametrize(
    ("role", "scope", "target_scope", "allowed"),
    [
        (Role.PROVINCE_ADMIN, "96", "31843", True),
        (Role.UNIT_MANAGER, "32002", "32002", True),
        (Role.UNIT_MANAGER, "32002", "31843", False),
        (Role.FIELD_STAFF, "32002", "32002", False),
        (Role.COMMITTEE_MEMBER, "96", "32002", False),
    ],
)
async def test_create_user_respects_role_and_scope(
    system: Actor, role: Role, scope: str, target_scope: str, allowed: bool
) -> None:
    actor = await actor_for(system, role, scope, username="creator")

    create = services.create_user(
        actor,
        username="new.user",
        password=PASSWORD,
        display_name="Ngô Thị Lan",
        roles=["FIELD_STAFF"],
        scope_code=target_scope,
    )

    if allowed:
        user = await create
        assert (await user.scope).code == target_scope
    else:
        with pytest.raises((PermissionDenied, ValidationFailed)):
            await create


async def test_manager_cannot_grant_province_admin(system: Actor) -> None:
    actor = await actor_for(system, Role.UNIT_MANAGER, "32002", username="manager")

    with pytest.raises(ValidationFailed) as caught:
        await services.create_user(
            actor,
            username="sneaky",
            password=PASSWORD,
            display_name="X",
            roles=["PROVINCE_ADMIN"],
            scope_code="32002",
        )
    assert [(e.field, e.code) for e in caught.value.errors] == [("roles", "ROLE_NOT_GRANTABLE")]


async def test_create_user_reports_every_bad_field_at_once(system: Actor) -> None:
    await make_user(system, "taken", Role.FIELD_STAFF, "32002")

    with pytest.raises(ValidationFailed) as caught:
        await services.create_user(
            system,
            username="Taken",
            password="short",
            display_name="  ",
            roles=["MAYOR"],
            scope_code="00000",
        )

    assert sorted((e.field, e.code) for e in caught.value.errors) == [
        ("displayName", "INVALID_LENGTH"),
        ("password", "PASSWORD_TOO_SHORT"),
        ("roles", "UNKNOWN_ROLE"),
        ("scopeCode", "ADMIN_UNIT_NOT_FOUND"),
        ("username", "DUPLICATE_USERNAME"),
    ]


async def test_users_list_is_limited_to_the_managers_subtree(system: Actor) -> None:
    await make_user(system, "a.32002", Role.FIELD_STAFF, "32002")
    await make_user(system, "b.31843", Role.FIELD_STAFF, "31843")
    manager = await make_user(system, "m.32002", Role.UNIT_MANAGER, "32002")
    actor = services.actor_for_user(manager, await manager.scope)

    names = [u.username for u in await services.get_users(actor)]

    assert names == ["a.32002", "m.32002"]
    with pytest.raises(NotFound):
        other = await services.get_users(system).get(username="b.31843")
        await services.get_user(actor, user_id=other.id)


async def test_parallel_guesses_verify_at_most_the_lockout_limit(
    system: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given 100 simultaneous guesses (the right password among them), at most five
    passwords are ever verified in the window, so the lockout cannot be outrun."""
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    verified: list[str] = []
    real_verify = services.verify_password

    def counting_verify(password_hash: str | None, password: str) -> bool:
        verified.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(services, "verify_password", counting_verify)
    guesses = [f"guess-{n:03d}-wrong" for n in range(99)] + [PASSWORD]

    results = await asyncio.gather(
        *(
            services.authenticate(username="hoa.nguyen", password=g, client_addr=f"10.1.{n}.1")
            for n, g in enumerate(guesses)
        ),
        return_exceptions=True,
    )

    assert [r for r in results if not isinstance(r, (User, InvalidCredentials, LoginLocked))] == []
    assert len(verified) <= services.THROTTLE.max_user_failures
    signed_in = [r for r in results if isinstance(r, User)]
    assert len(signed_in) == (1 if PASSWORD in verified else 0)
    if not signed_in:
        with pytest.raises(LoginLocked):
            await services.authenticate(username="hoa.nguyen", password=PASSWORD, client_addr="b")


async def test_a_burst_of_right_and_wrong_passwords_raises_only_domain_errors(
    system: Actor,
) -> None:
    """Given successes and failures for one user at once, a success resetting the counter
    never breaks a failure being counted (no internal error, only sign-ins and refusals)."""
    await make_user(system, "hoa.nguyen", Role.FIELD_STAFF, "32002")
    policy = ThrottlePolicy(max_user_failures=50, max_address_failures=500, delay_base_seconds=0)

    for _ in range(3):
        results = await asyncio.gather(
            *(
                services.authenticate(
                    username="hoa.nguyen",
                    password=PASSWORD if n % 2 else "wrong-password",
                    client_addr="10.2.0.1",
                    policy=policy,
                )
                for n in range(16)
            ),
            return_exceptions=True,
        )
        assert [r for r in results if not isinstance(r, (User, InvalidCredentials))] == []
        assert sum(isinstance(r, User) for r in results) == 8
