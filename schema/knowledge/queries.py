"""Queries of the knowledge base: ranked search or browsing, one article, its versions,
and the questions the assistant could not answer."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from knowledge import assistant, services
from schema.core.ids import enum_value
from schema.core.pagination import (
    Connection,
    Edge,
    PageInfo,
    clamp,
    encode_cursor,
    page_offset,
    paginate,
)
from schema.core.permissions import EDITORS
from schema.knowledge.types import (
    ArticleOrderEnum,
    ArticleStatusEnum,
    ArticleType,
    ArticleVersionType,
    SynonymType,
    UnansweredQuestionType,
)


@strawberry.type
class KnowledgeQuery:
    @strawberry.field(
        description="Published articles you may read. With `search`: ranked by relevance "
        "(any spelling: tones, đ/d and case do not matter; abbreviations expand; the last "
        "word may be a prefix), each with a highlighted `snippet`. Without: most recently "
        "updated first, or most read (`order: MOST_READ`)."
    )
    async def articles(
        self,
        info: Info,
        search: str | None = None,
        category: str | None = None,
        tag: str | None = None,
        first: int | None = None,
        after: str | None = None,
        order: ArticleOrderEnum = ArticleOrderEnum.RECENT,
    ) -> Connection[ArticleType]:
        actor = info.context.actor
        if not (search or "").strip():
            query = services.browse(actor, category=category, tag=tag, order=order.value)
            return await paginate(
                info, query, first=first, after=after, to_node=ArticleType.from_model
            )
        size = clamp(first)
        offset = page_offset(after)
        found = await services.search_articles(
            actor, search or "", category=category, tag=tag, limit=size + 1, offset=offset
        )
        edges = [
            Edge(
                node=ArticleType.from_model(f.article, snippet=f.highlighted),
                cursor=encode_cursor(offset + i),
            )
            for i, f in enumerate(found[:size])
        ]
        return Connection(
            edges=edges,
            page_info=PageInfo(
                has_next_page=len(found) > size,
                has_previous_page=offset > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=None,
        )

    @strawberry.field(
        description="Articles you may edit, in every status (editors), most recently "
        "updated first.",
        permission_classes=EDITORS,
    )
    async def editable_articles(
        self,
        info: Info,
        status: ArticleStatusEnum | None = None,  # type: ignore[valid-type]
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ArticleType]:
        query = services.editable(info.context.actor, status=enum_value(status))
        return await paginate(info, query, first=first, after=after, to_node=ArticleType.from_model)

    @strawberry.field(description="An article you may read (counts a view), or edit.")
    async def article(self, info: Info, slug: str) -> ArticleType | None:
        row = await services.get_by_slug(info.context.actor, slug)
        return ArticleType.from_model(row) if row else None

    @strawberry.field(description="Every kept version of an article you edit, newest first.")
    async def article_versions(self, info: Info, slug: str) -> list[ArticleVersionType]:
        actor = info.context.actor
        row = await services.get_by_slug(actor, slug, count_view=False)
        if row is None:
            return []
        return [ArticleVersionType.from_model(v) for v in await services.versions(actor, row)]

    @strawberry.field(
        description="The synonyms search expands (editors read them; the province office "
        "keeps them with addSynonym and removeSynonym).",
        permission_classes=EDITORS,
    )
    async def synonyms(self, info: Info) -> list[SynonymType]:
        return [SynonymType.from_model(r) for r in await services.synonym_rows(info.context.actor)]

    @strawberry.field(
        description="Questions the assistant could not answer (editors), most asked first.",
        permission_classes=EDITORS,
    )
    async def unanswered_questions(self, info: Info) -> list[UnansweredQuestionType]:
        rows = await assistant.unanswered(info.context.actor)
        return [UnansweredQuestionType.from_model(r) for r in rows[:200]]
