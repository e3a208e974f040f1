"""Signed, revocable personal tokens that carry no personal data.

A token is ``base64url(payload) + "." + base64url(tag)`` where the payload packs a
purpose byte, a subject id (a member id, or an attendance id for certificates), the
member's token version and the issue time, and the tag is HMAC-SHA256 (truncated to
128 bits, to keep QR codes small) under a key derived from the server secret for that
purpose, so a calendar token never passes as a QR token. Revoking bumps the member's
version, which invalidates every QR and calendar token issued before.

The key never leaves the server: the PWA reads the payload of an offline scan (member
id and version, to show the name from its roster) and the server verifies it on sync.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from activities.models import MemberToken
from core import audit
from core.actor import Actor
from core.clock import utcnow
from core.errors import DomainError

QR_TOKEN_LIFETIME = timedelta(days=400)
_PAYLOAD = struct.Struct(">cIII")  # purpose, subject id, version, issued at (epoch seconds)
_TAG_BYTES = 16


class Purpose(Enum):
    QR = b"Q"
    CALENDAR = b"C"
    CERTIFICATE = b"A"


@dataclass(frozen=True)
class TokenClaims:
    purpose: Purpose
    subject_id: int
    version: int
    issued_at: datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _key(secret: str, purpose: Purpose) -> bytes:
    return hmac.new(secret.encode("utf-8"), b"dxnet-activities:" + purpose.value, "sha256").digest()


def sign(secret: str, purpose: Purpose, subject_id: int, version: int, issued_at: datetime) -> str:
    payload = _PAYLOAD.pack(purpose.value, subject_id, version, int(issued_at.timestamp()))
    tag = hmac.new(_key(secret, purpose), payload, hashlib.sha256).digest()[:_TAG_BYTES]
    return f"{_b64(payload)}.{_b64(tag)}"


def read_claims(token: str) -> TokenClaims | None:
    """The payload of a token, unverified (what the PWA can do offline)."""
    try:
        payload_text, _, _ = token.strip().partition(".")
        payload = _unb64(payload_text)
        purpose, subject_id, version, issued = _PAYLOAD.unpack(payload)
        return TokenClaims(
            Purpose(purpose), subject_id, version, datetime.fromtimestamp(issued, UTC)
        )
    except (ValueError, binascii.Error, struct.error, UnicodeEncodeError):
        return None


def verify(secret: str, token: str, purpose: Purpose, *, field: str = "token") -> TokenClaims:
    """The claims of an authentic token of ``purpose``; INVALID_TOKEN otherwise."""
    invalid = DomainError("INVALID_TOKEN", field=field)
    if len(token) > 200:
        raise invalid
    try:
        payload_text, dot, tag_text = token.strip().partition(".")
        payload, tag = _unb64(payload_text), _unb64(tag_text)
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise invalid from None
    if not dot or len(payload) != _PAYLOAD.size:
        raise invalid
    expected = hmac.new(_key(secret, purpose), payload, hashlib.sha256).digest()[:_TAG_BYTES]
    if not hmac.compare_digest(expected, tag):
        raise invalid
    claims = read_claims(payload_text)
    if claims is None or claims.purpose is not purpose:
        raise invalid
    return claims


async def current_version(member_id: int) -> int:
    row = await MemberToken.get_or_none(member_id=member_id)
    return row.version if row else 1


async def versions(member_ids: list[int]) -> dict[int, int]:
    """Current token version per member (1 when never revoked), in one query."""
    rows = await MemberToken.filter(member_id__in=member_ids).values_list("member_id", "version")
    found = dict(rows)
    return {m: int(found.get(m, 1)) for m in member_ids}


async def issue(
    secret: str, *, member_id: int, purpose: Purpose = Purpose.QR, now: datetime | None = None
) -> str:
    version = await current_version(member_id)
    return sign(secret, purpose, member_id, version, now or utcnow())


async def verify_member_token(
    secret: str,
    token: str,
    *,
    purpose: Purpose = Purpose.QR,
    now: datetime | None = None,
    field: str = "memberQrToken",
) -> int:
    """The member id of a valid, unexpired, unrevoked personal token."""
    claims = verify(secret, token, purpose, field=field)
    now = now or utcnow()
    if purpose is Purpose.QR and claims.issued_at + QR_TOKEN_LIFETIME < now:
        raise DomainError("TOKEN_EXPIRED", field=field)
    if claims.version != await current_version(claims.subject_id):
        raise DomainError("TOKEN_REVOKED", field=field)
    return claims.subject_id


async def revoke(actor: Actor, *, member_id: int, now: datetime | None = None) -> int:
    """Invalidate every QR and calendar token of the member; return the new version."""
    now = now or utcnow()
    updated = await MemberToken.filter(member_id=member_id).update(
        version=F("version") + 1, revoked_at=now
    )
    if not updated:
        try:
            async with in_transaction():
                await MemberToken.create(member_id=member_id, version=2, revoked_at=now)
        except IntegrityError:  # a concurrent revocation created the row first
            await MemberToken.filter(member_id=member_id).update(
                version=F("version") + 1, revoked_at=now
            )
    await audit.record(actor, "member_token.revoke", "Member", member_id, ["qr_version"])
    return await current_version(member_id)
