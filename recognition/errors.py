"""Expected failures specific to recognition (the codes key the translation catalogue)."""

from __future__ import annotations

from network.errors import DomainError


class RateLimited(DomainError):
    """Too many requests from one client address or phone in the current window."""

    code = "RATE_LIMITED"

    def __init__(self, retry_after_seconds: int, *, field: str | None = None) -> None:
        minutes = max(1, (retry_after_seconds + 59) // 60)
        super().__init__(field=field, minutes=minutes)
        self.retry_after_seconds = retry_after_seconds
