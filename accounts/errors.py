"""Expected sign-in failures."""

from __future__ import annotations

from core.errors import DomainError


class InvalidCredentials(DomainError):
    """Wrong username or password: one message for both, so usernames cannot be probed."""

    code = "INVALID_CREDENTIALS"


class LoginLocked(DomainError):
    code = "LOGIN_LOCKED"

    def __init__(self, retry_after_seconds: int) -> None:
        minutes = max(1, (retry_after_seconds + 59) // 60)
        super().__init__(minutes=minutes)
        self.retry_after_seconds = retry_after_seconds
