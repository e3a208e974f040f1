"""File types recognised from their bytes, never from names or Content-Type headers."""

from __future__ import annotations

import hashlib

from core.errors import DomainError


def detect_image(data: bytes) -> str | None:
    """The media type of a JPEG, PNG or WebP image, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def accept_photo(data: bytes, *, max_bytes: int) -> tuple[str, str]:
    """The media type and SHA-256 (hex) of an uploaded photo, or the error refusing it
    (too large, or not a JPEG, PNG or WebP image)."""
    if len(data) > max_bytes:
        raise DomainError("FILE_TOO_LARGE", field="file", max_mb=max_bytes // 1_000_000)
    content_type = detect_image(data)
    if content_type is None:
        raise DomainError("UNSUPPORTED_PHOTO_TYPE", field="file")
    return content_type, hashlib.sha256(data).hexdigest()
