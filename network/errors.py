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


class ValidationFailed(DomainError):
    """Several field errors found at once, so a form can show them all together."""

    code = "INVALID"

    def __init__(self, errors: Sequence[DomainError]) -> None:
        super().__init__()
        self.errors = list(errors)
