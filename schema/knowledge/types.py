"""GraphQL types of articles, search results and assistant answers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum

import strawberry
from strawberry import relay
from strawberry.types import Info

from knowledge.assistant import Answer, Citation
from knowledge.attachments import carried_by
from knowledge.models import (
    Article,
    ArticleAttachment,
    ArticleKind,
    ArticleStatus,
    ArticleVersion,
    AskedQuestion,
    Audience,
    Synonym,
)
from schema.core.ids import is_node_key, node_key
from schema.core.loaders import loader
from schema.core.outputs import from_row
from schema.knowledge.loaders import (
    AttachmentHistoryByArticleLoader,
    AttachmentsByArticleLoader,
    RelatedArticlesLoader,
)

ArticleStatusEnum = strawberry.enum(ArticleStatus, name="ArticleStatus")
ArticleKindEnum = strawberry.enum(ArticleKind, name="ArticleKind")
ArticleAudienceEnum = strawberry.enum(
    Audience,
    name="ArticleAudience",
    description="PUBLIC: everyone; STAFF: every signed-in member of staff; UNIT: a unit's subtree.",
)


ATTACHMENT_URL = "/uploads/article-attachments/{id}"


@strawberry.type(
    name="ArticleAttachment",
    description="A file attached to an article: PDF, image (JPEG, PNG, WebP), DOCX or XLSX.",
)
class ArticleAttachmentType:
    id: relay.GlobalID = strawberry.field(
        description="Pass it in updateArticle's removeAttachments to remove the file."
    )
    file_name: str
    content_type: str = strawberry.field(description="Recognised from the file's bytes.")
    size: int = strawberry.field(description="In bytes.")
    sha256: str
    url: str = strawberry.field(
        description="Where to download it (GET, same origin): the article's readers only, "
        "else 404. Images are shown inline; add ?download=1 to save one."
    )
    added_in_version: int

    @classmethod
    def from_model(cls, row: ArticleAttachment) -> ArticleAttachmentType:
        return cls(
            id=relay.GlobalID("ArticleAttachment", str(row.id)),
            file_name=row.file_name,
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
            url=ATTACHMENT_URL.format(id=row.id),
            added_in_version=row.added_in_version or 1,
        )


@strawberry.type(name="ArticleVersion", description="A kept state of an article.")
class ArticleVersionType:
    version: int
    title: str
    summary: str
    body: str
    status: ArticleStatusEnum  # type: ignore[valid-type]
    created_at: datetime
    article_id: strawberry.Private[int]

    @strawberry.field(description="The files this version carried.")
    async def attachments(self, info: Info) -> list[ArticleAttachmentType]:
        rows = await loader(info, AttachmentHistoryByArticleLoader).load(self.article_id)
        return [ArticleAttachmentType.from_model(r) for r in carried_by(rows, self.version)]

    @classmethod
    def from_model(cls, row: ArticleVersion) -> ArticleVersionType:
        return from_row(cls, row)


@strawberry.type(name="Article", description="A knowledge-base article or FAQ entry (tri thức).")
class ArticleType(relay.Node):
    id: relay.NodeID[int]
    slug: str
    title: str
    summary: str
    body: str = strawberry.field(description="Markdown, as text: render it without raw HTML.")
    language: str
    kind: ArticleKindEnum  # type: ignore[valid-type]
    category: str
    tags: list[str]
    audience: ArticleAudienceEnum  # type: ignore[valid-type]
    audience_unit_code: str | None = strawberry.field(
        description="For a UNIT article: the unit whose subtree reads it."
    )
    status: ArticleStatusEnum  # type: ignore[valid-type]
    version: int
    view_count: int
    helpful_yes: int
    helpful_no: int
    updated_at: datetime
    published_at: datetime | None
    snippet: str | None = strawberry.field(
        default=None,
        description="In a search: the best passage, matched words between ** marks.",
    )

    @strawberry.field(
        description="Articles this one links to in its body ([text](#/kb/<slug>)) that the "
        "reader may read, in the body's order; a link to one the reader may not read is "
        "left out."
    )
    async def related(self, info: Info) -> list[ArticleType]:
        key = (info.context.actor, self.id, self.body)
        rows = await loader(info, RelatedArticlesLoader).load(key)
        return [ArticleType.from_model(row) for row in rows]

    @strawberry.field(
        description="The files attached to the article now (name, size, type, download URL)."
    )
    async def attachments(self, info: Info) -> list[ArticleAttachmentType]:
        rows = await loader(info, AttachmentsByArticleLoader).load(self.id)
        return [ArticleAttachmentType.from_model(row) for row in rows]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ArticleType | None]:
        """``node(id)``: an article the caller may read or edit, else null."""
        from knowledge import services

        result: list[ArticleType | None] = []
        for node_id in node_ids:
            row = (
                await services.get(info.context.actor, node_key(node_id))
                if is_node_key(node_id)
                else None
            )
            result.append(cls.from_model(row) if row else None)
        return result

    @classmethod
    def from_model(cls, row: Article, *, snippet: str | None = None) -> ArticleType:
        return from_row(
            cls,
            row,
            tags=list(row.tags),
            audience_unit_code=(
                row.audience_path.strip("/").split("/")[-1] if row.audience_path else None
            ),
            snippet=snippet,
        )


@strawberry.type(name="AssistantCitation", description="A passage an answer was taken from.")
class CitationType:
    article: ArticleType
    passage_id: int
    position: int = strawberry.field(description="0 is the title and summary.")
    text: str

    @classmethod
    def from_citation(cls, c: Citation) -> CitationType:
        return cls(
            article=ArticleType.from_model(c.article),
            passage_id=c.passage_id,
            position=c.position,
            text=c.text,
        )


@strawberry.type(name="AssistantAnswer")
class AnswerType:
    answered: bool
    answer: str = strawberry.field(description="Taken only from the cited passages.")
    message: str = strawberry.field(description="What to tell the asker, in their language.")
    citations: list[CitationType]
    suggestions: list[ArticleType] = strawberry.field(
        description="When not answered: the closest articles."
    )
    conversation_id: str | None = strawberry.field(
        description="The conversation this answer belongs to, when one was given."
    )
    written_by_model: bool = strawberry.field(
        description="A language model wrote the answer from the cited passages (checked: "
        "it cites only them); false for the answer quoted from the passages."
    )

    @classmethod
    def from_answer(cls, a: Answer, message: str) -> AnswerType:
        return cls(
            answered=a.answered,
            answer=a.text,
            message=message,
            citations=[CitationType.from_citation(c) for c in a.citations],
            suggestions=[ArticleType.from_model(s) for s in a.suggestions],
            conversation_id=a.conversation_id,
            written_by_model=a.written_by_model,
        )


@strawberry.type(name="UnansweredQuestion")
class UnansweredQuestionType:
    question: str
    times: int
    last_asked_at: datetime

    @classmethod
    def from_model(cls, row: AskedQuestion) -> UnansweredQuestionType:
        return from_row(cls, row)


@strawberry.enum(name="ArticleOrder", description="How articles are listed without a search.")
class ArticleOrderEnum(Enum):
    RECENT = "RECENT"
    MOST_READ = "MOST_READ"


@strawberry.type(
    name="Synonym",
    description="Two spellings search treats as one (an abbreviation and its expansion), folded.",
)
class SynonymType:
    id: int
    term: str
    expansion: str

    @classmethod
    def from_model(cls, row: Synonym) -> SynonymType:
        return from_row(cls, row)
