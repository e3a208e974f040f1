"""Error codes of accounts: signing in, and managing users and keys."""

from __future__ import annotations

SIGN_IN: tuple[str, ...] = (
    "INVALID_CREDENTIALS",
    "LOGIN_LOCKED",
)

ACCOUNTS: tuple[str, ...] = (
    "INVALID_USERNAME",
    "DUPLICATE_USERNAME",
    "PASSWORD_TOO_SHORT",
    "UNKNOWN_ROLE",
    "ROLE_NOT_GRANTABLE",
    "UNKNOWN_SCOPE",
    "CANNOT_DEACTIVATE_SELF",
    "PARTNER_NEEDS_MEMBER",
)

CODES = SIGN_IN + ACCOUNTS
