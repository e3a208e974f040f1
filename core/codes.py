"""Error codes of the shared kernel: any domain may raise them (access, fields, contacts,
rate limits). Domains declare their own in ``<domain>/codes.py``; no strawberry here."""

from __future__ import annotations

GENERAL: tuple[str, ...] = (
    "INVALID",
    "NOT_FOUND",
    "FORBIDDEN",
    "UNAUTHENTICATED",
    "OUT_OF_SCOPE",
)

FIELDS: tuple[str, ...] = (
    "INVALID_LENGTH",
    "INVALID_CHOICE",
    "INVALID_ID",
)

CONTACTS: tuple[str, ...] = (
    "INVALID_PHONE",
    "INVALID_EMAIL",
    "INVALID_NATIONAL_ID",
)

LIMITS: tuple[str, ...] = ("RATE_LIMITED",)

CODES = GENERAL + FIELDS + CONTACTS + LIMITS
