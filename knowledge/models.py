"""Articles (and FAQ entries), their kept versions, their search passages, the editable
synonym list and the questions asked of the assistant.

``KnowledgePassage`` holds a published article split into passages of a few sentences,
with the title and the passage text folded (core.text.fold: case, tones and đ/d do not
matter). The database's own full-text engine indexes those two columns: an FTS5
external-content table kept in step by triggers on SQLite, a generated, weighted
``tsvector`` column with a GIN index on PostgreSQL (migration 0009). So every write of a
passage updates the index in the same transaction, whatever writes it.
"""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from core.models import KeptUpload


class ArticleStatus(StrEnum):
    DRAFT = "DRAFT"
    IN_REVIEW = "IN_REVIEW"
    PUBLISHED = "PUBLISHED"
    ARCHIVED = "ARCHIVED"


class ArticleKind(StrEnum):
    ARTICLE = "ARTICLE"
    FAQ = "FAQ"


class Audience(StrEnum):
    PUBLIC = "PUBLIC"
    STAFF = "STAFF"
    UNIT = "UNIT"


class Article(Model):
    """The current state of an article, each change also kept as an ArticleVersion."""

    id = fields.IntField(primary_key=True)
    slug = fields.CharField(max_length=120, unique=True)
    title = fields.CharField(max_length=255)
    summary = fields.TextField(default="")
    body = fields.TextField(default="", description="Markdown, stored as text.")
    language = fields.CharField(max_length=2, default="vi")
    kind = fields.CharEnumField(ArticleKind, max_length=16, default=ArticleKind.ARTICLE)
    category = fields.CharField(max_length=64, default="", db_index=True)
    tags: list[str] = fields.JSONField(default=list)  # type: ignore[assignment]
    tags_text = fields.CharField(max_length=1024, default="", description="'|tag|tag|', folded.")
    audience = fields.CharEnumField(Audience, max_length=16, default=Audience.PUBLIC)
    audience_path = fields.CharField(
        max_length=512, default="", description="The unit whose subtree reads a UNIT article."
    )
    owner_path = fields.CharField(
        max_length=512, db_index=True, description="The area of the editors who maintain it."
    )
    status = fields.CharEnumField(ArticleStatus, max_length=16, default=ArticleStatus.DRAFT)
    version = fields.IntField(default=1)
    view_count = fields.IntField(default=0)
    helpful_yes = fields.IntField(default=0)
    helpful_no = fields.IntField(default=0)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    published_at = fields.DatetimeField(null=True)

    class Meta:
        table = "knowledge_article"
        ordering = ["-updated_at", "id"]


class ArticleVersion(Model):
    """Every saved state of an article, numbered from 1, never changed afterwards."""

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "dxnet.Article", related_name="versions", on_delete=fields.CASCADE
    )
    version = fields.IntField()
    title = fields.CharField(max_length=255)
    summary = fields.TextField(default="")
    body = fields.TextField(default="")
    status = fields.CharEnumField(ArticleStatus, max_length=16)
    created_by_id = fields.IntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    article_id: int

    class Meta:
        table = "knowledge_article_version"
        unique_together = (("article", "version"),)


class KnowledgePassage(Model):
    """A few sentences of a published article, folded for the full-text index.

    Passage 0 is the title and summary. Audience columns are copied from the article so a
    search filters passages without reading the article table first.
    """

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyRelation[Article] = fields.ForeignKeyField(
        "dxnet.Article", related_name="passages", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    text = fields.TextField(description="The passage as written (shown and cited).")
    title = fields.TextField(description="The article title, folded (indexed).")
    body = fields.TextField(description="The passage, folded (indexed).")
    audience = fields.CharEnumField(Audience, max_length=16)
    audience_path = fields.CharField(max_length=512, default="")
    category = fields.CharField(max_length=64, default="")

    article_id: int

    class Meta:
        table = "knowledge_passage"


class Synonym(Model):
    """Two spellings of one thing (an abbreviation and its expansion), folded, both ways."""

    id = fields.IntField(primary_key=True)
    term = fields.CharField(max_length=128)
    expansion = fields.CharField(max_length=255)

    class Meta:
        table = "knowledge_synonym"
        unique_together = (("term", "expansion"),)


class AskedQuestion(Model):
    """A question put to the assistant: its text only (no asker, no conversation), and
    whether it was answered; repeated questions add to ``times``."""

    id = fields.IntField(primary_key=True)
    question = fields.CharField(max_length=500)
    folded = fields.CharField(max_length=500, unique=True)
    answered = fields.BooleanField(default=False, db_index=True)
    times = fields.IntField(default=1)
    last_asked_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "knowledge_question"
        ordering = ["-last_asked_at", "id"]


class Conversation(Model):
    """A conversation with the assistant, so a follow-up is read with the question
    before it: the last question (private digits and e-mail addresses
    removed, as for AskedQuestion) and the article that answered it. No asker is kept,
    and a conversation idle for a day is forgotten."""

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=64, unique=True)
    last_question = fields.CharField(max_length=500, default="")
    last_article_id = fields.IntField(null=True)
    turns = fields.IntField(default=0)
    updated_at = fields.DatetimeField(auto_now=True, db_index=True)

    class Meta:
        table = "knowledge_conversation"


class ArticleAttachment(KeptUpload):
    """A file attached to an article (a PDF checklist, a screenshot, a form to fill in).

    Uploaded first (``token`` is the upload id the editor passes back; an unclaimed upload
    has no article and expires at ``expires_at``), then claimed by the save that adds it
    to the article, which numbers the new version ``added_in_version``. A later save that
    removes it sets ``removed_in_version``; the file is kept, so the versions it belonged
    to still list it. Version ``v`` carries the attachments added at or before ``v`` and
    not removed at or before ``v``: a new version keeps the previous ones by itself.
    """

    id = fields.IntField(primary_key=True)
    article: fields.ForeignKeyNullableRelation[Article] = fields.ForeignKeyField(
        "dxnet.Article", related_name="attachments", null=True, on_delete=fields.CASCADE
    )
    added_in_version = fields.IntField(null=True)
    removed_in_version = fields.IntField(null=True)

    article_id: int | None

    class Meta:
        table = "knowledge_attachment"
        ordering = ["id"]


class ArticleAttachmentContent(Model):
    """The bytes of an article's attachment, apart so that listing them never reads them."""

    id = fields.IntField(primary_key=True)
    attachment: fields.OneToOneRelation[ArticleAttachment] = fields.OneToOneField(
        "dxnet.ArticleAttachment", related_name="content", on_delete=fields.CASCADE
    )
    data = fields.BinaryField()

    attachment_id: int

    class Meta:
        table = "knowledge_attachment_content"
