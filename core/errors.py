"""Expected failures of domain services, carried by stable codes.

Services raise these; the GraphQL adapter turns them into translated payload errors.
Messages are never built here: ``code`` and ``params`` key the translation catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class DomainError(Exception):
    code: str = "INVALID"

    def __init__(
        self, code: str | None = None, /, *, field: str | None = None, **params: Any
    ) -> None:
        self.code = code or type(self).code
        self.field = field
        self.params = params
        super().__init__(self.code if field is None else f"{field}: {self.code}")


class NotFound(DomainError):
    code = "NOT_FOUND"


class PermissionDenied(DomainError):
    code = "FORBIDDEN"


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"


class RateLimited(DomainError):
    """Too many requests from one client address or phone in the current window
    (network/ratelimit.py); the API answers 429 with Retry-After where it can."""

    code = "RATE_LIMITED"

    def __init__(self, retry_after_seconds: int, *, field: str | None = None) -> None:
        minutes = max(1, (retry_after_seconds + 59) // 60)
        super().__init__(field=field, minutes=minutes)
        self.retry_after_seconds = retry_after_seconds


class ValidationFailed(DomainError):
    """Several field errors found at once, so a form can show them all together."""

    code = "INVALID"

    def __init__(self, errors: Sequence[DomainError]) -> None:
        super().__init__()
        self.errors = list(errors)
