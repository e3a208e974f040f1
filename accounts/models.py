"""Users, server-side sessions, partner API keys and sign-in throttle counters."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from network.models import AdminUnit


class User(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    password_hash = fields.CharField(max_length=255)
    display_name = fields.CharField(max_length=200)
    is_active = fields.BooleanField(default=True)
    roles: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]
    scope: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="users", on_delete=fields.RESTRICT
    )
    # Link to a network member; becomes a foreign key when members exist.
    member_id = fields.IntField(null=True)
    last_login_at = fields.DatetimeField(null=True)
    password_changed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    scope_id: int

    class Meta:
        table = "account_user"
        ordering = ["username"]


class Session(Model):
    """A signed-in browser. Only the SHA-256 of the random token is stored."""

    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "dxnet.User", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    last_seen_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    absolute_expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    user_agent = fields.CharField(max_length=255, default="")

    user_id: int

    class Meta:
        table = "account_session"


class ApiKey(Model):
    """A partner app's key: shown once, stored hashed, scoped, revocable."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=120)
    prefix = fields.CharField(max_length=16, db_index=True)
    key_hash = fields.CharField(max_length=64, unique=True)
    scopes: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]
    admin_unit: fields.ForeignKeyRelation[AdminUnit] = fields.ForeignKeyField(
        "dxnet.AdminUnit", related_name="api_keys", on_delete=fields.RESTRICT
    )
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "dxnet.User", related_name="api_keys", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    admin_unit_id: int
    created_by_id: int | None

    class Meta:
        table = "account_api_key"
        ordering = ["-created_at"]


class LoginThrottle(Model):
    """Failed sign-ins per username ("user:<name>") or per client address ("addr:<ip>").

    Kept in the database so every worker sees the same counters.
    """

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=160, unique=True)
    failures = fields.IntField(default=0)
    window_started_at = fields.DatetimeField()
    locked_until = fields.DatetimeField(null=True)

    class Meta:
        table = "account_login_throttle"
