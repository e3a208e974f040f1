"""Error codes of the knowledge base."""

from __future__ import annotations

CODES: tuple[str, ...] = (
    "ARTICLE_NOT_FOUND",
    "DUPLICATE_SLUG",
    "INVALID_SLUG",
    "ILLEGAL_ARTICLE_TRANSITION",
    "INVALID_AUDIENCE",
    "QUESTION_TOO_LONG",
    "INVALID_CONVERSATION",
    "SAME_SPELLING",
    "SYNONYM_NOT_FOUND",
)
