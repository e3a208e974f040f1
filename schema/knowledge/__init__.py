"""GraphQL for the knowledge base and the virtual assistant (issue #17)."""

from __future__ import annotations

from schema.knowledge.mutations import KnowledgeMutation
from schema.knowledge.queries import KnowledgeQuery

__all__ = ["KnowledgeMutation", "KnowledgeQuery"]
