"""Writing, reviewing, publishing and reading articles; searching them; rating them.

Status moves DRAFT -> IN_REVIEW -> PUBLISHED -> ARCHIVED (an editor may publish a draft
directly, and edit at any status). Every save is kept as an ArticleVersion and recorded
in the audit trail. Publishing (or editing a published article) rewrites its passages,
whose full-text index the database keeps in step in the same transaction; archiving
removes them. Readers see published articles of their audience only: visitors and
partner keys (``read:knowledge``) the public ones, staff the staff ones too, and the
articles for a unit whose subtree holds them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tortoise.expressions import F, Q
from tortoise.queryset import QuerySet

from core import audit
from core.actor import EDITOR_ROLES, Actor, ApiScope, Role
from core.clock import utcnow
from core.errors import (
    DomainError,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    ValidationFailed,
)
from core.text import fold
from core.validation import require_length
from knowledge import attachments, search
from knowledge.models import (
    Article,
    ArticleAttachment,
    ArticleKind,
    ArticleStatus,
    ArticleVersion,
    Audience,
    KnowledgePassage,
    Synonym,
)
from network.models import AdminUnit

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_BODY = 50_000
TRANSITIONS: dict[str, tuple[ArticleStatus, ...]] = {
    "submit": (ArticleStatus.DRAFT,),
    "publish": (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW),
    "archive": (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.PUBLISHED),
}
ancestor_paths = search.ancestor_paths


@dataclass(frozen=True)
class ArticleData:
    title: str
    body: str = ""
    summary: str = ""
    slug: str = ""
    language: str = "vi"
    kind: ArticleKind = ArticleKind.ARTICLE
    category: str = ""
    tags: Sequence[str] = field(default_factory=list)
    audience: Audience = Audience.PUBLIC
    audience_unit_code: str | None = None


def slugify(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", fold(title)))[:100] or "bai-viet"


def require_editor(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise Unauthenticated()
    if not actor.has_role(*EDITOR_ROLES) or actor.kind == "api_key":
        raise PermissionDenied()


def _require_owner(actor: Actor, article: Article) -> None:
    require_editor(actor)
    if not article.owner_path.startswith(actor.scope_path or "\x00"):
        raise PermissionDenied("OUT_OF_SCOPE")


def readable(actor: Actor, query: QuerySet[Article] | None = None) -> QuerySet[Article]:
    """Published articles ``actor`` may read."""
    query = (query if query is not None else Article.all()).filter(status=ArticleStatus.PUBLISHED)
    if not actor.is_authenticated:
        return query.filter(audience=Audience.PUBLIC)
    if actor.kind == "api_key":  # a partner app reads what the public reads
        if not actor.has_api_scope(ApiScope.READ_KNOWLEDGE):
            raise PermissionDenied()
        return query.filter(audience=Audience.PUBLIC)
    if search.reads_as_public(actor):  # a partner's staff
        return query.filter(audience=Audience.PUBLIC)
    return query.filter(_audience_q(actor))


def _audience_q(actor: Actor) -> Q:
    open_ = Q(audience__in=[Audience.PUBLIC, Audience.STAFF])
    if actor.scope_path is None:
        return open_
    return open_ | Q(
        Q(audience_path__in=ancestor_paths(actor.scope_path))
        | Q(audience_path__startswith=actor.scope_path),
        audience=Audience.UNIT,
    )


def can_edit(actor: Actor, article: Article) -> bool:
    return (
        actor.kind in ("user", "system")
        and actor.has_role(*EDITOR_ROLES)
        and article.owner_path.startswith(actor.scope_path or "\x00")
    )


async def _clean(actor: Actor, data: ArticleData, *, slug_taken_by: int | None) -> dict[str, Any]:
    errors: list[DomainError] = []
    cleaned: dict[str, Any] = {}
    for name, low, high in (("title", 3, 255), ("summary", 0, 1000), ("body", 0, MAX_BODY)):
        try:
            value = getattr(data, name)
            cleaned[name] = require_length(value, field=name, low=low, high=high)
            if name == "body":  # keep the Markdown's line breaks
                cleaned[name] = value.strip()
        except DomainError as error:
            errors.append(error)
    slug = data.slug.strip().lower() or slugify(data.title)
    if not SLUG.match(slug) or len(slug) > 120:
        errors.append(DomainError("INVALID_SLUG", field="slug"))
    elif await Article.filter(slug=slug).exclude(id=slug_taken_by or 0).exists():
        errors.append(DomainError("DUPLICATE_SLUG", field="slug", slug=slug))
    if data.language not in ("vi", "en"):
        errors.append(DomainError("INVALID_CHOICE", field="language"))
    cleaned.update(
        slug=slug,
        language=data.language,
        kind=ArticleKind(data.kind),
        category=fold(data.category)[:64],
        tags=[t for t in dict.fromkeys(fold(t)[:40] for t in data.tags) if t][:20],
        audience=Audience(data.audience),
        audience_path="",
    )
    cleaned["tags_text"] = "".join(f"|{t}" for t in cleaned["tags"]) + "|"
    if cleaned["audience"] == Audience.UNIT:
        unit = await AdminUnit.get_or_none(code=data.audience_unit_code or "")
        if unit is None or not actor.can_see(unit.path):
            errors.append(DomainError("INVALID_AUDIENCE", field="audienceUnitCode"))
        else:
            cleaned["audience_path"] = unit.path
    if errors:
        raise ValidationFailed(errors)
    return cleaned


async def _keep_version(actor: Actor, article: Article) -> None:
    await ArticleVersion.create(
        article=article,
        version=article.version,
        title=article.title,
        summary=article.summary,
        body=article.body,
        status=article.status,
        created_by_id=actor.user_id,
    )


async def _reindex(article: Article) -> None:
    """Rewrite the passages of ``article`` (none unless published); the triggers or the
    generated column update the full-text index in this same transaction."""
    await KnowledgePassage.filter(article_id=article.id).delete()
    if article.status != ArticleStatus.PUBLISHED:
        return
    title = fold(article.title)
    passages = search.split_passages(article.title, article.summary, article.body)
    await KnowledgePassage.bulk_create(
        [
            KnowledgePassage(
                article_id=article.id,
                position=i,
                text=text,
                title=title,
                body=fold(text) + (" " + " ".join(article.tags) if i == 0 else ""),
                audience=article.audience,
                audience_path=article.audience_path,
                category=article.category,
            )
            for i, text in enumerate(passages)
        ]
    )


async def create_article(
    actor: Actor, data: ArticleData, *, add_attachments: Sequence[str] = ()
) -> Article:
    """A new draft, with the uploads ``add_attachments`` names attached to its version 1."""
    require_editor(actor)
    cleaned = await _clean(actor, data, slug_taken_by=None)
    adding, _ = await attachments.check_changes(
        actor, None, add=add_attachments, remove=(), now=utcnow()
    )
    article = await Article.create(
        **cleaned, owner_path=actor.scope_path or "", created_by_id=actor.user_id
    )
    await _keep_version(actor, article)
    await attachments.apply_changes(actor, article, adding, ())
    await audit.record(
        actor, "create", "Article", article.id, [*cleaned.keys(), *(["attachments"] * bool(adding))]
    )
    return article


async def _get_for_edit(actor: Actor, article_id: int) -> Article:
    require_editor(actor)
    article = await Article.get_or_none(id=article_id)
    if article is None or not can_edit(actor, article):
        raise DomainError("ARTICLE_NOT_FOUND", field="id")
    return article


async def update_article(
    actor: Actor,
    article_id: int,
    changes: Mapping[str, Any],
    *,
    add_attachments: Sequence[str] = (),
    remove_attachments: Sequence[int] = (),
) -> Article:
    """Apply ``changes`` (ArticleData field names) and attach or remove files, keep a new
    version (which carries the previous attachments but the removed ones), reindex if
    published."""
    article = await _get_for_edit(actor, article_id)
    current = ArticleData(
        title=article.title,
        body=article.body,
        summary=article.summary,
        slug=article.slug,
        language=article.language,
        kind=article.kind,
        category=article.category,
        tags=list(article.tags),
        audience=article.audience,
        audience_unit_code=await _unit_code(article.audience_path),
    )
    merged = ArticleData(**{**current.__dict__, **changes})
    cleaned = await _clean(actor, merged, slug_taken_by=article.id)
    adding, removing = await attachments.check_changes(
        actor, article.id, add=add_attachments, remove=remove_attachments, now=utcnow()
    )
    changed = audit.apply_changes(article, cleaned)
    if adding or removing:
        changed.append("attachments")
    if not changed:
        return article
    article.version += 1
    await article.save()
    await _keep_version(actor, article)
    await attachments.apply_changes(actor, article, adding, removing)
    await _reindex(article)
    await audit.record(actor, "update", "Article", article.id, changed)
    return article


async def _unit_code(path: str) -> str | None:
    return path.strip("/").split("/")[-1] if path else None


async def _transition(actor: Actor, article_id: int, action: str, to: ArticleStatus) -> Article:
    article = await _get_for_edit(actor, article_id)
    if article.status not in TRANSITIONS[action]:
        raise DomainError(
            "ILLEGAL_ARTICLE_TRANSITION", field="id", status=article.status.value, to=to.value
        )
    article.status = to
    article.version += 1
    if to == ArticleStatus.PUBLISHED:
        article.published_at = utcnow()
    await article.save()
    await _keep_version(actor, article)
    await _reindex(article)
    await audit.record(actor, action, "Article", article.id, ["status"])
    return article


async def submit_for_review(actor: Actor, article_id: int) -> Article:
    return await _transition(actor, article_id, "submit", ArticleStatus.IN_REVIEW)


async def publish(actor: Actor, article_id: int) -> Article:
    return await _transition(actor, article_id, "publish", ArticleStatus.PUBLISHED)


async def archive(actor: Actor, article_id: int) -> Article:
    return await _transition(actor, article_id, "archive", ArticleStatus.ARCHIVED)


async def get_by_slug(actor: Actor, slug: str, *, count_view: bool = True) -> Article | None:
    """The article, if ``actor`` may read it (published in their audience) or edit it."""
    article = await Article.get_or_none(slug=slug[:120])
    if article is None:
        return None
    if can_edit(actor, article):
        return article
    if not await readable(actor, Article.filter(id=article.id)).exists():
        return None
    if count_view:
        await Article.filter(id=article.id).update(view_count=F("view_count") + 1)
    return article


async def get(actor: Actor, article_id: int) -> Article | None:
    """The article by id, if ``actor`` may read it or edit it (``node(id)``); no view counted."""
    article = await Article.get_or_none(id=article_id)
    if article is None or can_edit(actor, article):
        return article
    return await readable(actor, Article.filter(id=article_id)).first()


async def upload_attachment(actor: Actor, *, file_name: str, data: bytes) -> ArticleAttachment:
    """Keep an editor's file until a save attaches it (knowledge.attachments)."""
    require_editor(actor)
    return await attachments.store_upload(actor, file_name=file_name, data=data, now=utcnow())


async def attachment_for_download(
    actor: Actor, attachment_id: int
) -> tuple[ArticleAttachment, bytes]:
    """An attachment and its bytes for whoever may read its article now, and for the
    article's editors any it ever carried (removed, or on a draft); anyone else is told
    ``ARTICLE_ATTACHMENT_NOT_FOUND``, so its existence does not leak."""
    found = await attachments.read(attachment_id)
    if found is None:
        raise NotFound("ARTICLE_ATTACHMENT_NOT_FOUND")
    attachment, article = found
    if not can_edit(actor, article) and (
        attachment.removed_in_version is not None or not await _may_read(actor, article.id)
    ):
        raise NotFound("ARTICLE_ATTACHMENT_NOT_FOUND")
    return attachment, await attachments.content(attachment)


async def _may_read(actor: Actor, article_id: int) -> bool:
    try:
        query = readable(actor, Article.filter(id=article_id))
    except PermissionDenied:  # a partner key without read:knowledge
        return False
    return await query.exists()


async def versions(actor: Actor, article: Article) -> list[ArticleVersion]:
    if not can_edit(actor, article):
        return []
    return await ArticleVersion.filter(article_id=article.id).order_by("-version")


async def rate(actor: Actor, article_id: int, *, helpful: bool) -> Article:
    article = await readable(actor, Article.filter(id=article_id)).first()
    if article is None:
        raise DomainError("ARTICLE_NOT_FOUND", field="id")
    column = "helpful_yes" if helpful else "helpful_no"
    await Article.filter(id=article_id).update(**{column: F(column) + 1})
    await article.refresh_from_db(fields=[column])
    return article


async def synonyms() -> list[tuple[str, str]]:
    return [(t, e) for t, e in await Synonym.all().values_list("term", "expansion")]


async def synonym_rows(actor: Actor) -> list[Synonym]:
    require_editor(actor)
    return await Synonym.all().order_by("term", "expansion")


def _require_synonym_editor(actor: Actor) -> None:
    """The synonym list serves the whole province's search: its office keeps it."""
    require_editor(actor)
    if not actor.has_role(Role.PROVINCE_ADMIN):
        raise PermissionDenied()


async def add_synonym(actor: Actor, term: str, expansion: str) -> Synonym:
    _require_synonym_editor(actor)
    errors: list[DomainError] = []
    folded_term, folded_expansion = fold(term), fold(expansion)
    if not 1 <= len(folded_term) <= 128:
        errors.append(DomainError("INVALID_LENGTH", field="term", min=1, max=128))
    if not 1 <= len(folded_expansion) <= 255:
        errors.append(DomainError("INVALID_LENGTH", field="expansion", min=1, max=255))
    if not errors and folded_term == folded_expansion:
        errors.append(DomainError("SAME_SPELLING", field="expansion"))
    if errors:
        raise ValidationFailed(errors)
    row, _ = await Synonym.get_or_create(term=folded_term, expansion=folded_expansion)
    await audit.record(actor, "create", "Synonym", row.id, ["term", "expansion"])
    return row


async def remove_synonym(actor: Actor, synonym_id: int) -> Synonym:
    _require_synonym_editor(actor)
    row = await Synonym.get_or_none(id=synonym_id)
    if row is None:
        raise NotFound("SYNONYM_NOT_FOUND", field="id")
    await row.delete()
    await audit.record(actor, "delete", "Synonym", synonym_id, ["term", "expansion"])
    return row


@dataclass(frozen=True)
class Found:
    article: Article
    passage: str
    highlighted: str
    score: float


async def search_articles(
    actor: Actor,
    text: str,
    *,
    category: str | None = None,
    tag: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Found]:
    """Published articles matching ``text`` that ``actor`` may read, best first, with the
    best passage of each highlighted. Three queries whatever the page size."""
    readable(actor, Article.all())  # refuses partner keys without read:knowledge
    parsed = search.parse(text, await synonyms())
    hits = await search.ranked_passages(
        actor,
        parsed,
        limit=offset + limit + (50 if tag else 0),
        per_article=True,
        category=fold(category) if category else None,
    )
    by_id = {a.id: a for a in await Article.filter(id__in=[h.article_id for h in hits])}
    passages = dict(
        await KnowledgePassage.filter(id__in=[h.passage_id for h in hits]).values_list("id", "text")
    )
    words = parsed.words()
    found = [
        Found(
            by_id[h.article_id],
            str(passages.get(h.passage_id, "")),
            search.highlight(str(passages.get(h.passage_id, "")), words),
            h.score,
        )
        for h in hits
        if h.article_id in by_id and (not tag or fold(tag) in by_id[h.article_id].tags)
    ]
    return found[offset : offset + limit]


def editable(actor: Actor, *, status: ArticleStatus | None = None) -> QuerySet[Article]:
    """Articles ``actor`` may edit (owned in their subtree), any status, most recently
    updated first: the editors' own list of drafts, reviews and archives."""
    if not (actor.kind in ("user", "system") and actor.has_role(*EDITOR_ROLES)):
        raise PermissionDenied()
    query = Article.filter(owner_path__startswith=actor.scope_path or "\x00")
    if status is not None:
        query = query.filter(status=status)
    return query.order_by("-updated_at", "-id")


# How a list without a search text is ordered: most recently updated, or most read.
BROWSE_ORDER = {"RECENT": ("-updated_at", "id"), "MOST_READ": ("-view_count", "-updated_at", "id")}


def browse(
    actor: Actor, *, category: str | None = None, tag: str | None = None, order: str = "RECENT"
) -> QuerySet[Article]:
    """Readable articles without a search text, most recently updated (or most read) first."""
    query = readable(actor)
    if category:
        query = query.filter(category=fold(category))
    if tag:
        query = query.filter(tags_text__contains=f"|{fold(tag)}|")
    return query.order_by(*BROWSE_ORDER[order])


# A link to another article in a body: ``[text](#/kb/<slug>)``, the link the PWA follows.
ARTICLE_LINK = re.compile(r"\]\(#/kb/([a-z0-9]+(?:-[a-z0-9]+)*)\)")
MAX_RELATED = 20


def linked_slugs(body: str) -> list[str]:
    """The slugs ``body`` links to, in order, each once (at most ``MAX_RELATED``)."""
    return list(dict.fromkeys(ARTICLE_LINK.findall(body)))[:MAX_RELATED]


async def related_articles(
    actor: Actor, articles: Sequence[tuple[int, str]]
) -> list[list[Article]]:
    """For each ``(id, body)``, the articles its body links to that ``actor`` may read, in
    the body's order, never the article itself: one query for them all. A link to an
    article the reader may not read is left out, so its title does not leak."""
    wanted = [linked_slugs(body) for _, body in articles]
    slugs = {s for found in wanted for s in found}
    if not slugs:
        return [[] for _ in articles]
    rows = await readable(actor, Article.filter(slug__in=sorted(slugs)))
    by_slug = {row.slug: row for row in rows}
    return [
        [by_slug[s] for s in found if s in by_slug and by_slug[s].id != article_id]
        for (article_id, _), found in zip(articles, wanted, strict=True)
    ]
