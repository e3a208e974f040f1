"""Photos kept in the database once per (owner, SHA-256): the steps every photo upload
shares. The domain finds the owner row (a field log, an engagement) and checks who may add
to it; :func:`store_once` recognises the bytes (:func:`core.filetypes.accept_photo`),
answers the photo already there, refuses one past the owner's limit and stores the rest,
so a photo sent again (by the outbox after a lost answer, or twice at once) is harmless.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from core.errors import DomainError
from core.filetypes import accept_photo

PhotoT = TypeVar("PhotoT", bound=Model)


@dataclass(frozen=True)
class StoredPhoto(Generic[PhotoT]):
    photo: PhotoT
    created: bool


async def store_once(
    model: type[PhotoT], owner: dict[str, Any], data: bytes, *, max_bytes: int, max_count: int
) -> StoredPhoto[PhotoT]:
    """``data`` as a ``model`` row of ``owner`` (its foreign key, e.g. ``{"log_id": 7}``)
    with ``sha256``, ``content_type``, ``size`` and ``data``; ``created`` is False when
    the owner already had it. Refuses a file too large or not a photo, and the
    ``max_count``-plus-first photo of an owner (``TOO_MANY_PHOTOS``)."""
    content_type, digest = accept_photo(data, max_bytes=max_bytes)
    existing = (
        await model.filter(**owner, sha256=digest)
        .only("id", *owner, "sha256", "content_type", "size")
        .first()
    )
    if existing is not None:
        return StoredPhoto(existing, created=False)
    if await model.filter(**owner).count() >= max_count:
        raise DomainError("TOO_MANY_PHOTOS", field="file", max=max_count)
    try:
        async with in_transaction():
            photo = await model.create(
                **owner, sha256=digest, content_type=content_type, size=len(data), data=data
            )
    except IntegrityError:  # the same photo arrived twice at once
        return StoredPhoto(await model.get(**owner, sha256=digest), created=False)
    return StoredPhoto(photo, created=True)
