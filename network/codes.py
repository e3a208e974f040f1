"""Error codes of the Network: the admin tree, the registry, and spreadsheet imports."""

from __future__ import annotations

ADMIN_UNITS: tuple[str, ...] = (
    "ADMIN_UNIT_NOT_FOUND",
    "INVALID_CODE",
    "DUPLICATE_CODE",
)

REGISTRY: tuple[str, ...] = (
    "DUPLICATE_PHONE",
    "DUPLICATE_EMAIL",
    "DUPLICATE_NATIONAL_ID",
    "DUPLICATE_ORGANIZATION",
    "ORGANIZATION_NOT_FOUND",
    "MEMBER_NOT_FOUND",
    "ORGANIZATION_INACTIVE",
    "MEMBER_INACTIVE",
    "NOT_ORGANIZATION_MEMBER",
    "PLATFORM_NOT_FOUND",
    "DATE_IN_FUTURE",
    "INVALID_DATE",
    "REQUIRED",
)

IMPORTS: tuple[str, ...] = (
    "FILE_TOO_LARGE",
    "UNSUPPORTED_FILE_TYPE",
    "INVALID_HEADERS",
    "EMPTY_FILE",
    "TOO_MANY_ROWS",
    "DUPLICATE_IN_FILE",
    "IMPORT_HAS_ERRORS",
)

CODES = ADMIN_UNITS + REGISTRY + IMPORTS
