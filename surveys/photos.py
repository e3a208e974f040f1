"""Media answers (photos, recordings, files; decision 0038), uploaded after their
response, their type recognised from the bytes by the question's kind (a photo JPEG,
PNG or WebP; a recording MP3, AAC, M4A, 3GPP, Ogg, WebM, WAV or AMR; a file PDF, DOCX,
XLSX or an image, as its ``accept`` says), at most 10 MB each, kept in the database,
keyed by (response, question key, SHA-256) so a re-send is harmless. A response is
complete once every media answer its answers name has arrived.

Staff attach photos to responses of their area. A visitor who answered a public survey
without an account attaches photos to that response only: its ``clientId`` (a random
UUID only the device knows) is the proof, for a week after the response arrived, and
each address is limited to ``PUBLIC_PHOTOS_PER_ADDRESS`` uploads an hour."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from core import audit, ratelimit
from core.actor import FIELD_ROLES, Actor, ApiScope
from core.clock import utcnow
from core.errors import DomainError, NotFound, PermissionDenied
from core.filetypes import (
    DOCX,
    EXTENSIONS,
    JPEG,
    PDF,
    PNG,
    WEBP,
    XLSX,
    FileType,
    accept_photo,
    detect_audio,
    detect_type,
)
from network.access import require_editor
from surveys import services
from surveys.definition import FILE_ACCEPT, MEDIA_KINDS, QuestionKind, named, names_photo
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
    """Attach the photo, recording or file answering ``question_key`` of the response
    ``client_id``."""
    if actor.is_authenticated and not actor.has_role(*FIELD_ROLES):
        raise PermissionDenied()
    response = await SurveyResponse.get_or_none(client_id=client_id)
    if response is None or not _may_attach(actor, response, now or utcnow()):
        raise NotFound("SURVEY_RESPONSE_NOT_FOUND", field="clientId")
    question = await _question(response, question_key)
    kind = question.get("kind") if question else None
    if question is None or kind not in MEDIA_KINDS:
        raise DomainError(
            "PHOTO_NOT_EXPECTED", field="file", key=question_key, **_named(question, question_key)
        )
    if kind == QuestionKind.PHOTO:
        content_type, digest = accept_photo(data, max_bytes=MAX_PHOTO_BYTES)
    else:
        content_type, digest = accept_media(question, data)
    if not names_photo(response.answers, question_key, digest):
        raise DomainError(
            "PHOTO_NOT_EXPECTED",
            field="file",
            key=question_key,
            **({} if kind == QuestionKind.PHOTO else {"media": "1"}),
            **_named(question, question_key),
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


async def _question(response: SurveyResponse, key: str) -> dict[str, Any] | None:
    """The question ``key`` of the version the response answered (one read of the
    version's definition), a repeat's questions included; None when there is none."""
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
            return question
    return None


def _named(question: dict[str, Any] | None, key: str) -> dict[str, str]:
    """The question's label for a refusal; the key itself when there is no question."""
    return named(question) if question is not None else {"label_vi": key, "label_en": key}


# What each FILE ``accept`` value admits; images are JPEG, PNG or WebP.
FILE_TYPES = {"pdf": (PDF,), "docx": (DOCX,), "xlsx": (XLSX,), "image": (JPEG, PNG, WEBP)}
SHOWN = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "image": "JPEG, PNG, WebP"}
AUDIO_SHOWN = "MP3, AAC, M4A, 3GPP, Ogg, WebM, WAV, AMR"


def accept_media(question: Mapping[str, Any], data: bytes) -> tuple[str, str]:
    """The media type and SHA-256 (hex) of an AUDIO or FILE answer's bytes, or the
    refusal naming the question: empty or larger than 10 MB, or a type the question
    does not take (read from the bytes; a FILE's ``accept`` narrows its types)."""
    if len(data) > MAX_PHOTO_BYTES:
        raise DomainError("FILE_TOO_LARGE", field="file", max_mb=MAX_PHOTO_BYTES // 1_000_000)
    found: FileType | None
    if question.get("kind") == QuestionKind.AUDIO:
        found, accepted = detect_audio(data), AUDIO_SHOWN
    else:
        wanted = question.get("accept") or list(FILE_ACCEPT)
        types = [t for name in wanted for t in FILE_TYPES.get(name, ())]
        found = detect_type(data, types) if data else None
        accepted = ", ".join(SHOWN[name] for name in wanted if name in SHOWN)
    if found is None:
        raise DomainError(
            "UNSUPPORTED_ANSWER_FILE_TYPE", field="file", accepted=accepted, **named(question)
        )
    return found.content_type, hashlib.sha256(data).hexdigest()


async def read_media(
    actor: Actor, *, client_id: str, question_key: str, sha256: str
) -> tuple[SurveyPhoto, str]:
    """A stored media answer and a file name for it, to whoever may export the
    survey's responses: editors of the response's area, partner keys holding
    ``read:pii`` (and ``read:surveys``); anything else is not found. Each read is
    recorded in the audit trail, as answers may hold personal data."""
    if actor.kind == "api_key":
        if not actor.has_api_scope(ApiScope.READ_PII):
            raise PermissionDenied()
    else:
        require_editor(actor)
    rows = await SurveyResponse.filter(client_id=client_id).values_list(
        "id", "survey_id", "unit_path"
    )
    if not rows or not actor.can_see(rows[0][2]):
        raise NotFound("SURVEY_MEDIA_NOT_FOUND")
    response_id, survey_id, _ = rows[0]
    await services.get(actor, survey_id=survey_id)  # read:surveys, the survey's area
    media = await SurveyPhoto.get_or_none(
        response_id=response_id, question_key=question_key, sha256=sha256.lower()
    )
    if media is None:
        raise NotFound("SURVEY_MEDIA_NOT_FOUND")
    await audit.record(actor, "survey_media.read", "SurveyResponse", response_id, [question_key])
    extension = EXTENSIONS.get(media.content_type, "bin")
    return media, f"{question_key}-{media.sha256[:12]}.{extension}"
