"""Articles for the knowledge tests."""

from __future__ import annotations

from core.actor import Actor
from knowledge import services
from knowledge.services import ArticleData


async def published(actor: Actor, data: ArticleData) -> int:
    """The id of a new article made from ``data`` and published by ``actor``."""
    article = await services.create_article(actor, data)
    await services.publish(actor, article.id)
    return article.id
