"""Cleaning free text typed by citizens and staff, keeping paragraphs."""

from __future__ import annotations

import re

from core.errors import DomainError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_long_text(value: str | None) -> str:
    """Strip control characters and stray spaces; keep single blank lines between paragraphs."""
    text = _CONTROL.sub("", value or "").replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def long_text(value: str | None, *, field: str, low: int, high: int) -> str:
    text = clean_long_text(value)
    if low and not text:
        raise DomainError("REQUIRED", field=field)
    if not low <= len(text) <= high:
        raise DomainError("INVALID_LENGTH", field=field, min=low, max=high)
    return text
