"""Normalising and checking contact details the way Vietnamese users write them, and
collecting the errors of a form so that it shows them all at once."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from core.errors import DomainError, ValidationFailed

T = TypeVar("T")

_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
# Mobile: 03x, 05x, 07x, 08x, 09x + 7 digits. Landline: 02xx + 7 or 8 digits.
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{8,9}$")
_NATIONAL_ID = re.compile(r"^(\d{12}|\d{9})$")
# The id a device gives an item it queues offline (a UUID, or any id of these characters).
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def clean_text(value: str | None) -> str:
    return " ".join((value or "").split())


def normalize_phone(value: str | None, *, field: str = "phone") -> str | None:
    """'+84 912 345 678', '0912.345.678' -> '0912345678'; None for blank."""
    raw = clean_text(value)
    if not raw:
        return None
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not (_MOBILE.match(digits) or _LANDLINE.match(digits)):
        raise DomainError("INVALID_PHONE", field=field)
    return digits


def normalize_email(value: str | None, *, field: str = "email") -> str | None:
    raw = clean_text(value).lower()
    if not raw:
        return None
    if len(raw) > 254 or not _EMAIL.match(raw):
        raise DomainError("INVALID_EMAIL", field=field)
    return raw


def normalize_national_id(value: str | None, *, field: str = "nationalId") -> str | None:
    raw = re.sub(r"\s", "", value or "")
    if not raw:
        return None
    if not _NATIONAL_ID.match(raw):
        raise DomainError("INVALID_NATIONAL_ID", field=field)
    return raw


def require_length(value: str, *, field: str, low: int, high: int) -> str:
    value = clean_text(value)
    if not low <= len(value) <= high:
        raise DomainError("INVALID_LENGTH", field=field, min=low, max=high)
    return value


def require_client_id(client_id: str) -> str:
    """The id an offline device gave an item, so a resent item is applied once
    (check-ins, field logs, initiatives; the codes are declared in activities/codes.py)."""
    if not _CLIENT_ID.match(client_id or ""):
        raise ValidationFailed([DomainError("INVALID_CLIENT_ID", field="clientId")])
    return client_id


def require_updatable(changes: Mapping[str, Any], updatable: Collection[str]) -> None:
    """Misuse guard for a service's ``update``: every changed field must be updatable."""
    unknown = set(changes) - set(updatable)
    if unknown:
        raise RuntimeError(f"not updatable: {sorted(unknown)}")


class FormCheck:
    """The fields of one form checked together, so the form shows every error at once.

    ``cleaned`` holds the values that passed, ``errors`` the failures so far;
    ``raise_errors()`` refuses the form with all of them.
    """

    def __init__(self) -> None:
        self.cleaned: dict[str, Any] = {}
        self.errors: list[DomainError] = []

    @contextmanager
    def catch(self) -> Iterator[None]:
        """Note a ``DomainError`` raised in the block instead of letting it through."""
        try:
            yield
        except DomainError as error:
            self.errors.append(error)

    def clean(self, name: str, fn: Callable[..., Any]) -> None:
        """``cleaned[name] = fn()``, or the error ``fn`` raised noted."""
        with self.catch():
            self.cleaned[name] = fn()

    def attempt(self, fn: Callable[..., T]) -> T | None:
        """``fn()``, or ``None`` with the error it raised noted."""
        try:
            return fn()
        except DomainError as error:
            self.errors.append(error)
            return None

    def raise_errors(self) -> None:
        """Refuse the form with every error noted, if there is any."""
        if self.errors:
            raise ValidationFailed(self.errors)
