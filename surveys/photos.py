"""Photo answers, uploaded after their response: JPEG, PNG or WebP recognised from the
bytes, kept in the database, keyed by (response, question key, SHA-256) so a re-send is
harmless. A response is complete once every photo its answers name has arrived.

Staff attach photos to responses of their area. A visitor who answered a public survey
without an account attaches photos to that response only: its ``clientId`` (a random
UUID only the device knows) is the proof, for a week after the response arrived, and
each address is limited to ``PUBLIC_PHOTOS_PER_ADDRESS`` uploads an hour."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from core import audit, ratelimit
from core.actor import FIELD_ROLES, Actor
from core.clock import utcnow
from core.errors import DomainError, NotFound, PermissionDenied
from core.filetypes import accept_photo
from surveys.definition import named, names_photo
from surveys.models import SurveyPhoto, SurveyResponse, SurveyVersion

MAX_PHOTO_BYTES = 10_000_000
PUBLIC_PHOTOS_PER_ADDRESS = ratelimit.Limit("survey-photo-addr", 60, timedelta(hours=1))
PUBLIC_PHOTO_WINDOW = timedelta(days=7)


@dataclass(frozen=True)
class StoredPhoto:
    photo: SurveyPhoto
    created: bool
    complete: bool


async def admit(actor: Actor, client_address: str) -> None:
    """Count a visitor's upload against its address, before (and whatever) the upload
    does, so failed guesses count too."""
    if not actor.is_authenticated:
        await ratelimit.hit(PUBLIC_PHOTOS_PER_ADDRESS, client_address or "unknown")


def _may_attach(actor: Actor, response: SurveyResponse, now: datetime) -> bool:
    if actor.is_authenticated:
        return actor.can_see(response.unit_path)
    return (
        response.public_device is not None
        and response.recorded_by_id is None
        and response.created_at > now - PUBLIC_PHOTO_WINDOW
    )


async def store(
    actor: Actor,
    *,
    client_id: str,
    question_key: str,
    data: bytes,
    now: datetime | None = None,
) -> StoredPhoto:
    """Attach the photo answering ``question_key`` of the response ``client_id``."""
    if actor.is_authenticated and not actor.has_role(*FIELD_ROLES):
        raise PermissionDenied()
    response = await SurveyResponse.get_or_none(client_id=client_id)
    if response is None or not _may_attach(actor, response, now or utcnow()):
        raise NotFound("SURVEY_RESPONSE_NOT_FOUND", field="clientId")
    content_type, digest = accept_photo(data, max_bytes=MAX_PHOTO_BYTES)
    if not names_photo(response.answers, question_key, digest):
        raise DomainError(
            "PHOTO_NOT_EXPECTED",
            field="file",
            key=question_key,
            **await _question_named(response, question_key),
        )
    existing = (
        await SurveyPhoto.filter(response_id=response.id, question_key=question_key, sha256=digest)
        .only("id", "response_id", "question_key", "sha256", "content_type", "size")
        .first()
    )
    if existing is not None:
        return StoredPhoto(existing, created=False, complete=response.is_complete)
    try:
        async with in_transaction():
            photo = await SurveyPhoto.create(
                response_id=response.id,
                question_key=question_key,
                sha256=digest,
                content_type=content_type,
                size=len(data),
                data=data,
            )
    except IntegrityError:  # the same photo arrived twice at once
        again = await SurveyPhoto.get(
            response_id=response.id, question_key=question_key, sha256=digest
        )
        await response.refresh_from_db(fields=["photos_received"])
        return StoredPhoto(again, created=False, complete=response.is_complete)
    await SurveyResponse.filter(id=response.id).update(photos_received=F("photos_received") + 1)
    await response.refresh_from_db(fields=["photos_received"])
    await audit.record(actor, "survey_photo.create", "SurveyResponse", response.id, [question_key])
    return StoredPhoto(photo, created=True, complete=response.is_complete)


async def _question_named(response: SurveyResponse, key: str) -> dict[str, str]:
    """The label of the question ``key`` in the version the response answered, for the
    refusal's message; the key itself when the version has no such question. Read only
    on this error's path."""
    rows = await SurveyVersion.filter(
        survey_id=response.survey_id, version=response.version
    ).values_list("definition", flat=True)
    pages: Any = rows[0].get("pages") if rows and isinstance(rows[0], dict) else None
    questions = [
        q
        for page in (pages if isinstance(pages, list) else [])
        if isinstance(page, dict)
        for q in page.get("questions") or []
    ]
    for question in questions:
        if isinstance(question, dict) and isinstance(question.get("questions"), list):
            questions.extend(question["questions"])  # a repeat's, read after the others'
        if isinstance(question, dict) and question.get("key") == key:
            return named(question)
    return {"label_vi": key, "label_en": key}
