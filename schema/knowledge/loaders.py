"""DataLoaders of the knowledge base.

Article lists are built from one ranked query plus one query for the page's articles and
one for their passages (knowledge.services.search_articles). ``Article.related`` and
``Article.attachments`` are loaded for the whole page at once: one query each whatever
the number of articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from core.actor import Actor
from knowledge import attachments, services
from knowledge.models import Article, ArticleAttachment
from schema.core.loaders import DataLoaderBase

# (reader, article id, article body)
RelatedKey = tuple[Actor, int, str]


class RelatedArticlesLoader(DataLoaderBase[RelatedKey, list[Article]]):
    """The articles each body links to that its reader may read (services.related_articles)."""

    async def fetch(self, keys: Sequence[RelatedKey]) -> list[list[Article]]:
        by_actor: dict[Actor, list[int]] = defaultdict(list)
        for i, (actor, _, _) in enumerate(keys):
            by_actor[actor].append(i)
        result: list[list[Article]] = [[] for _ in keys]
        for actor, indexes in by_actor.items():
            found = await services.related_articles(
                actor, [(keys[i][1], keys[i][2]) for i in indexes]
            )
            for i, rows in zip(indexes, found, strict=True):
                result[i] = rows
        return result


class AttachmentsByArticleLoader(DataLoaderBase[int, list[ArticleAttachment]]):
    """The attachments each article carries now (its readers were checked with it)."""

    async def fetch(self, keys: Sequence[int]) -> list[list[ArticleAttachment]]:
        found = await attachments.current_of(keys)
        return [found.get(key, []) for key in keys]


class AttachmentHistoryByArticleLoader(DataLoaderBase[int, list[ArticleAttachment]]):
    """Every attachment each article ever carried, for its versions' lists (editors)."""

    async def fetch(self, keys: Sequence[int]) -> list[list[ArticleAttachment]]:
        found = await attachments.ever_of(keys)
        return [found.get(key, []) for key in keys]
