"""Mutations of the knowledge base and the assistant: one input, a payload with errors."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import UNSET, relay
from strawberry.types import Info

from core.errors import DomainError
from i18n import translate
from knowledge import assistant, services
from knowledge.assistant import Answer
from knowledge.models import Article, ArticleKind, Audience, Synonym
from knowledge.services import ArticleData
from schema.core.errors import UserError
from schema.core.ids import client_addr, global_int, required_int
from schema.core.inputs import to_domain
from schema.core.mutations import mutate
from schema.core.permissions import EDITORS
from schema.knowledge.types import (
    AnswerType,
    ArticleAudienceEnum,
    ArticleKindEnum,
    ArticleType,
    SynonymType,
)


@strawberry.input
class CreateArticleInput:
    title: str
    body: str = strawberry.field(default="", description="Markdown.")
    summary: str = ""
    slug: str = strawberry.field(default="", description="Made from the title when empty.")
    language: str = "vi"
    kind: ArticleKindEnum = ArticleKind.ARTICLE  # type: ignore[valid-type]
    category: str = ""
    tags: list[str] = strawberry.field(default_factory=list)
    audience: ArticleAudienceEnum = Audience.PUBLIC  # type: ignore[valid-type]
    audience_unit_code: str | None = None
    add_attachments: list[str] = strawberry.field(
        default_factory=list,
        description="Upload ids (POST /uploads/article-attachments) to attach, at most 10.",
    )


@strawberry.input
class UpdateArticleInput:
    id: relay.GlobalID
    title: str | None = UNSET
    body: str | None = UNSET
    summary: str | None = UNSET
    slug: str | None = UNSET
    language: str | None = UNSET
    kind: ArticleKindEnum | None = UNSET  # type: ignore[valid-type]
    category: str | None = UNSET
    tags: list[str] | None = UNSET
    audience: ArticleAudienceEnum | None = UNSET  # type: ignore[valid-type]
    audience_unit_code: str | None = UNSET
    add_attachments: list[str] | None = strawberry.field(
        default=UNSET,
        description="Upload ids (POST /uploads/article-attachments) to attach; the new "
        "version keeps the current attachments too (at most 10 in all).",
    )
    remove_attachments: list[relay.GlobalID] | None = strawberry.field(
        default=UNSET,
        description="ArticleAttachment ids to remove from the new version (earlier "
        "versions keep listing them).",
    )


@strawberry.input
class ArticleIdInput:
    id: relay.GlobalID


@strawberry.input
class RateArticleInput:
    id: relay.GlobalID
    helpful: bool


@strawberry.input
class AskAssistantInput:
    question: str
    conversation_id: str | None = strawberry.field(
        default=None,
        description="Any id you make (letters, digits, - and _, 8 to 64) to ask follow-ups in "
        "the same conversation; kept a day, without who asked.",
    )


@strawberry.type
class ArticlePayload:
    article: ArticleType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.input
class AddSynonymInput:
    term: str = strawberry.field(description="An abbreviation or spelling, e.g. DVC.")
    expansion: str = strawberry.field(description="What it stands for, e.g. dịch vụ công.")


@strawberry.input
class RemoveSynonymInput:
    id: int


@strawberry.type
class SynonymPayload:
    synonym: SynonymType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AskAssistantPayload:
    answer: AnswerType | None = None
    errors: list[UserError] = strawberry.field(default_factory=list)


def _pk(value: relay.GlobalID) -> int:
    pk = global_int(value, "Article", "id")
    if pk is None:
        raise DomainError("INVALID_ID", field="id")
    return pk


def _present(article: Article) -> ArticlePayload:
    return ArticlePayload(article=ArticleType.from_model(article))


def _synonym(row: Synonym) -> SynonymPayload:
    return SynonymPayload(synonym=SynonymType.from_model(row))


def _value(v: Any) -> Any:
    return getattr(v, "value", v)


@strawberry.type
class KnowledgeMutation:
    @strawberry.mutation(description="A new draft article (editors).", permission_classes=EDITORS)
    async def create_article(self, info: Info, input: CreateArticleInput) -> ArticlePayload:
        data = to_domain(
            input,
            ArticleData,
            kind=ArticleKind(_value(input.kind)),
            tags=list(input.tags),
            audience=Audience(_value(input.audience)),
        )

        async def work() -> Article:
            return await services.create_article(
                info.context.actor, data, add_attachments=list(input.add_attachments)
            )

        return await mutate(info, work, _present, ArticlePayload)

    @strawberry.mutation(
        description="Change an article; every save is kept as a version.",
        permission_classes=EDITORS,
    )
    async def update_article(self, info: Info, input: UpdateArticleInput) -> ArticlePayload:
        changes = {
            name: _value(getattr(input, name))
            for name in (
                "title",
                "body",
                "summary",
                "slug",
                "language",
                "kind",
                "category",
                "tags",
                "audience",
                "audience_unit_code",
            )
            if getattr(input, name) is not UNSET and getattr(input, name) is not None
        }

        add = list(input.add_attachments or [])
        remove = input.remove_attachments or []

        async def work() -> Article:
            removing = [required_int(i, "ArticleAttachment", "removeAttachments") for i in remove]
            return await services.update_article(
                info.context.actor,
                _pk(input.id),
                changes,
                add_attachments=add,
                remove_attachments=removing,
            )

        return await mutate(info, work, _present, ArticlePayload)

    @strawberry.mutation(description="DRAFT -> IN_REVIEW.", permission_classes=EDITORS)
    async def submit_article_for_review(self, info: Info, input: ArticleIdInput) -> ArticlePayload:
        async def work() -> Article:
            return await services.submit_for_review(info.context.actor, _pk(input.id))

        return await mutate(info, work, _present, ArticlePayload)

    @strawberry.mutation(
        description="DRAFT or IN_REVIEW -> PUBLISHED (indexed for search).",
        permission_classes=EDITORS,
    )
    async def publish_article(self, info: Info, input: ArticleIdInput) -> ArticlePayload:
        async def work() -> Article:
            return await services.publish(info.context.actor, _pk(input.id))

        return await mutate(info, work, _present, ArticlePayload)

    @strawberry.mutation(
        description="-> ARCHIVED (no longer read or searched).", permission_classes=EDITORS
    )
    async def archive_article(self, info: Info, input: ArticleIdInput) -> ArticlePayload:
        async def work() -> Article:
            return await services.archive(info.context.actor, _pk(input.id))

        return await mutate(info, work, _present, ArticlePayload)

    @strawberry.mutation(description="Was this helpful? (anyone who may read the article)")
    async def rate_article(self, info: Info, input: RateArticleInput) -> ArticlePayload:
        async def work() -> Article:
            return await services.rate(info.context.actor, _pk(input.id), helpful=input.helpful)

        return await mutate(info, work, _present, ArticlePayload)

    @strawberry.mutation(
        description="Add a synonym search expands both ways (the province office).",
        permission_classes=EDITORS,
    )
    async def add_synonym(self, info: Info, input: AddSynonymInput) -> SynonymPayload:
        async def work() -> Synonym:
            return await services.add_synonym(info.context.actor, input.term, input.expansion)

        return await mutate(info, work, _synonym, SynonymPayload)

    @strawberry.mutation(
        description="Remove a synonym (the province office).", permission_classes=EDITORS
    )
    async def remove_synonym(self, info: Info, input: RemoveSynonymInput) -> SynonymPayload:
        async def work() -> Synonym:
            return await services.remove_synonym(info.context.actor, input.id)

        return await mutate(info, work, _synonym, SynonymPayload)

    @strawberry.mutation(
        description="Ask the assistant: an answer taken only from published passages you "
        "may read, with its citations; when nothing relevant is found it says so and "
        "offers the closest articles."
    )
    async def ask_assistant(self, info: Info, input: AskAssistantInput) -> AskAssistantPayload:
        settings = info.context.settings
        endpoint = (
            assistant.ModelEndpoint(
                settings.assistant_url, settings.assistant_key, settings.assistant_model
            )
            if settings.assistant_url
            else None
        )
        actor = info.context.actor
        caller = f"user:{actor.user_id}" if actor.user_id else f"addr:{client_addr(info)}"

        async def work() -> Answer:
            return await assistant.ask(
                actor, input.question, input.conversation_id, caller=caller, endpoint=endpoint
            )

        def present(answer: Answer) -> AskAssistantPayload:
            key = "knowledge.answered" if answer.answered else "knowledge.not_answered"
            if answer.written_by_model:
                key = "knowledge.written"
            message = translate(key, info.context.lang)
            return AskAssistantPayload(answer=AnswerType.from_answer(answer, message))

        return await mutate(info, work, present, AskAssistantPayload)
