"""The knowledge base's demo: at least 30 published articles, each found by its own title
without tone marks; safe to run twice."""

from __future__ import annotations

from core.actor import Actor
from core.text import fold
from demo.knowledge import seed_demo_knowledge
from demo.knowledge_data import ARTICLES
from knowledge import services
from knowledge.models import Article, ArticleStatus
from network.models import AdminUnit


async def test_demo_articles_are_published_and_found(system: Actor, tree: AdminUnit) -> None:
    first = await seed_demo_knowledge(system, tree)
    again = await seed_demo_knowledge(system, tree)
    assert first.created == len(ARTICLES) >= 30 and again.created == 0
    assert await Article.filter(status=ArticleStatus.PUBLISHED).count() == len(ARTICLES)
    for row in ARTICLES:
        found = await services.search_articles(Actor.anonymous(), fold(row.title), limit=3)
        assert row.slug in [f.article.slug for f in found], row.title
