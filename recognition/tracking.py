"""Tracking codes: unguessable, yet easy to read out over the phone and type on a phone.

``SK-7F3K-92QD``: "SK" (sáng kiến) and eight symbols from a 31-letter alphabet without
the look-alikes 0/O and 1/I/L, drawn with ``secrets``: 31**8 (about 8.5e11, 39.6 bits)
codes, so guessing one at the rate-limited pace of 20 misses an hour is hopeless.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PREFIX = "SK"
LENGTH = 8
_NOISE = re.compile(r"[\s\-_.·]")


def new_code() -> str:
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{PREFIX}-{symbols[:4]}-{symbols[4:]}"


def normalize(code: str) -> str | None:
    """'sk 7f3k 92qd', 'SK-7F3K-92QD', '7f3k92qd' -> 'SK-7F3K-92QD'; None when malformed."""
    compact = _NOISE.sub("", code or "").upper()
    if len(compact) == LENGTH + len(PREFIX) and compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    if len(compact) != LENGTH or any(symbol not in ALPHABET for symbol in compact):
        return None
    return f"{PREFIX}-{compact[:4]}-{compact[4:]}"
