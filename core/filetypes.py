"""File types recognised from their bytes, never from names or Content-Type headers."""

from __future__ import annotations


def detect_image(data: bytes) -> str | None:
    """The media type of a JPEG, PNG or WebP image, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None
