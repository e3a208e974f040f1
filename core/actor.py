"""Who is asking: a signed-in user, a partner app's API key, or an anonymous visitor.

Every domain service takes an ``Actor`` first and checks roles and scope itself, so a
rule holds whichever adapter (GraphQL, CLI, import job) calls the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal


class Role(StrEnum):
    PROVINCE_ADMIN = "PROVINCE_ADMIN"
    UNIT_MANAGER = "UNIT_MANAGER"
    FIELD_STAFF = "FIELD_STAFF"
    COMMITTEE_MEMBER = "COMMITTEE_MEMBER"
    PARTNER = "PARTNER"
    """Staff of a partner enterprise (expert support): no admin-unit scope, only their own
    organisation's offers and engagements (support/access.py, decision 0025)."""


class ApiScope(StrEnum):
    READ_NETWORK = "read:network"
    READ_SURVEYS = "read:surveys"
    READ_RECOGNITION = "read:recognition"
    READ_ACTIVITIES = "read:activities"
    READ_KNOWLEDGE = "read:knowledge"
    READ_PROJECTS = "read:projects"
    READ_SUPPORT = "read:support"
    READ_PII = "read:pii"


NO_SCOPE = "//no-scope//"
"""A path prefix no admin unit has (paths look like ``/96/32002/``)."""

ActorKind = Literal["user", "api_key", "anonymous", "system"]


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    roles: frozenset[Role] = frozenset()
    api_scopes: frozenset[ApiScope] = frozenset()
    scope_path: str | None = None
    scope_code: str | None = None
    user_id: int | None = None
    api_key_id: int | None = None
    session_id: int | None = None
    member_id: int | None = None
    label: str = field(default="anonymous")

    @classmethod
    def anonymous(cls) -> Actor:
        return cls(kind="anonymous")

    @classmethod
    def system(cls, root_path: str, root_code: str) -> Actor:
        """The command line and seeders: every role, the whole tree."""
        return cls(
            kind="system",
            roles=frozenset(Role),
            api_scopes=frozenset(ApiScope),
            scope_path=root_path,
            scope_code=root_code,
            label="system",
        )

    @property
    def is_authenticated(self) -> bool:
        return self.kind != "anonymous"

    @property
    def is_user(self) -> bool:
        return self.kind == "user"

    def has_role(self, *roles: Role) -> bool:
        return not self.roles.isdisjoint(roles)

    def has_api_scope(self, scope: ApiScope) -> bool:
        return scope in self.api_scopes

    @property
    def scope_prefix(self) -> str:
        """The admin-unit path prefix of this actor's rows, or one no path has (a partner,
        an anonymous visitor): a sentinel PostgreSQL accepts, unlike a NUL byte."""
        return self.scope_path or NO_SCOPE

    def can_see(self, path: str) -> bool:
        """True when the unit with materialised ``path`` lies in this actor's subtree."""
        return self.scope_path is not None and path.startswith(self.scope_path)


# The role groups most rules are written in; one definition, named for what they allow.
EDITOR_ROLES: tuple[Role, ...] = (Role.PROVINCE_ADMIN, Role.UNIT_MANAGER)
"""Who maintains the data of their area (registry, events, surveys, screening)."""

FIELD_ROLES: tuple[Role, ...] = (*EDITOR_ROLES, Role.FIELD_STAFF)
"""Who works in the field: collects responses, checks people in, logs visits."""
