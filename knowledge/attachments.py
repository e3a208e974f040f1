"""Files attached to articles: uploaded, claimed by a save, carried across versions,
read by exactly the readers of their article.

An editor uploads a file first (``store_upload``: PDF, JPEG, PNG, WebP, DOCX or XLSX,
recognised from the bytes by core.filetypes, at most 10 MB); the answer's ``token`` is
passed to ``createArticle`` or ``updateArticle``, whose save claims it for the version
it makes (``claim``). An unclaimed upload expires after 24 hours. The bytes live in the
database, like initiatives' attachments, so any stateless worker can serve them.

Attachments are not copied from version to version: each records the version that added
it and the one that removed it (see ArticleAttachment), so a new version keeps the
previous attachments unless the save removes some, and an old version still lists the
files it had. An article carries at most ten at a time.

Who may upload and download is decided in knowledge.services (``upload_attachment``,
``attachment_for_download``), with the article's own reading rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from core import audit, ratelimit
from core.actor import Actor
from core.errors import DomainError, NotFound
from core.filetypes import DOCX, JPEG, PDF, PNG, WEBP, XLSX, accept_document
from core.uploads import keep_until_claimed
from knowledge.models import Article, ArticleAttachment, ArticleAttachmentContent

MAX_ATTACHMENT_BYTES = 10_000_000
MAX_ATTACHMENTS = 10
ACCEPTED = (PDF, JPEG, PNG, WEBP, DOCX, XLSX)
UPLOADS_PER_EDITOR = ratelimit.Limit("kb-upload", 60, timedelta(hours=1))


async def store_upload(
    actor: Actor, *, file_name: str, data: bytes, now: datetime
) -> ArticleAttachment:
    """Keep an uploaded file for 24 hours until a save claims it (the caller has checked
    that ``actor`` is an editor: services.upload_attachment)."""
    file_type = accept_document(
        data,
        ACCEPTED,
        max_bytes=MAX_ATTACHMENT_BYTES,
        code="UNSUPPORTED_ARTICLE_ATTACHMENT_TYPE",
    )
    await ratelimit.hit(UPLOADS_PER_EDITOR, f"user:{actor.user_id}", now=now, field="file")
    return await keep_until_claimed(
        actor,
        ArticleAttachment,
        ArticleAttachmentContent,
        owner="article_id",
        file_type=file_type,
        file_name=file_name,
        data=data,
        now=now,
        fallback_name="tep-dinh-kem",
    )


async def check_changes(
    actor: Actor,
    article_id: int | None,
    *,
    add: Sequence[str],
    remove: Sequence[int],
    now: datetime,
) -> tuple[list[ArticleAttachment], list[ArticleAttachment]]:
    """The uploads ``add`` names (the actor's own, unclaimed, unexpired) and the current
    attachments of the article ``remove`` names, or the error refusing the change."""
    tokens = list(dict.fromkeys(t.strip() for t in add if t.strip()))
    adding = (
        await ArticleAttachment.filter(
            token__in=tokens,
            article_id=None,
            expires_at__gt=now,
            uploaded_by_user_id=actor.user_id,
        )
        if tokens
        else []
    )
    if len(adding) != len(tokens):
        raise NotFound("ARTICLE_ATTACHMENT_NOT_FOUND", field="addAttachments")
    ids = list(dict.fromkeys(remove))
    current = (
        await ArticleAttachment.filter(article_id=article_id, removed_in_version=None)
        if article_id is not None
        else []
    )
    removing = [a for a in current if a.id in ids]
    if len(removing) != len(ids):
        raise NotFound("ARTICLE_ATTACHMENT_NOT_FOUND", field="removeAttachments")
    if len(current) - len(removing) + len(adding) > MAX_ATTACHMENTS:
        raise DomainError(
            "TOO_MANY_ARTICLE_ATTACHMENTS", field="addAttachments", max=MAX_ATTACHMENTS
        )
    return adding, removing


async def apply_changes(
    actor: Actor,
    article: Article,
    adding: Sequence[ArticleAttachment],
    removing: Sequence[ArticleAttachment],
) -> None:
    """Claim ``adding`` for the article's current version and end ``removing`` at it."""
    if adding:
        await ArticleAttachment.filter(id__in=[a.id for a in adding]).update(
            article_id=article.id, added_in_version=article.version, expires_at=None
        )
    if removing:
        await ArticleAttachment.filter(id__in=[a.id for a in removing]).update(
            removed_in_version=article.version
        )
    for action, rows in (("attachment.add", adding), ("attachment.remove", removing)):
        for row in rows:
            await audit.record(actor, action, "ArticleAttachment", row.id, ["article"])


async def current_of(article_ids: Iterable[int]) -> dict[int, list[ArticleAttachment]]:
    """The attachments each article carries now (none removed), in upload order."""
    return await _by_article(article_ids, current=True)


async def ever_of(article_ids: Iterable[int]) -> dict[int, list[ArticleAttachment]]:
    """Every attachment each article ever carried (see ``carried_by``), in upload order."""
    return await _by_article(article_ids, current=False)


async def _by_article(
    article_ids: Iterable[int], *, current: bool
) -> dict[int, list[ArticleAttachment]]:
    result: dict[int, list[ArticleAttachment]] = {}
    ids = sorted(set(article_ids))
    if not ids:
        return result
    query = ArticleAttachment.filter(article_id__in=ids)
    if current:
        query = query.filter(removed_in_version=None)
    for row in await query.order_by("id"):
        result.setdefault(row.article_id or 0, []).append(row)
    return result


def carried_by(rows: Iterable[ArticleAttachment], version: int) -> list[ArticleAttachment]:
    """Of an article's attachments, those its ``version`` carried."""
    return [
        row
        for row in rows
        if (row.added_in_version or 0) <= version
        and (row.removed_in_version is None or row.removed_in_version > version)
    ]


async def read(attachment_id: int) -> tuple[ArticleAttachment, Article] | None:
    """A claimed attachment and its article (the caller decides who may read it)."""
    attachment = await ArticleAttachment.get_or_none(id=attachment_id)
    if attachment is None or attachment.article_id is None:
        return None
    article = await Article.get_or_none(id=attachment.article_id)
    return (attachment, article) if article is not None else None


async def content(attachment: ArticleAttachment) -> bytes:
    row = await ArticleAttachmentContent.get(attachment_id=attachment.id)
    return bytes(row.data)
