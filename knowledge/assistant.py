"""The virtual assistant: answers a question only from retrieved passages, with citations.

No language model: the passages that best match the question (the same full-text search,
over passages of a few sentences, within the asker's audience) are the answer when they
cover enough of the question's terms; otherwise the assistant says it found nothing and
offers the closest articles. Each question is kept (its text with long digit runs and
e-mail addresses removed, never who asked) so editors see what is still unanswered.
The optional OpenAI-compatible endpoint (``DXNET_ASSISTANT_URL``) is not wired yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tortoise.expressions import F

from core.actor import EDITOR_ROLES, Actor
from core.errors import DomainError, PermissionDenied
from core.text import fold
from knowledge import search, services
from knowledge.models import Article, AskedQuestion, KnowledgePassage

MAX_QUESTION = 500
MIN_COVERAGE = 0.5
MAX_CITED = 2
_PRIVATE = re.compile(r"\S+@\S+|\d[\d .-]{5,}\d")


@dataclass(frozen=True)
class Citation:
    article: Article
    passage_id: int
    position: int
    text: str


@dataclass(frozen=True)
class Answer:
    answered: bool
    text: str
    citations: list[Citation]
    suggestions: list[Article]


def coverage(groups: list[list[list[str]]], passage_folded: str) -> float:
    """Share of the question's groups (a word, or a synonym's spellings) that the passage
    holds: one of the group's phrases whose every word starts a word of the passage."""
    if not groups:
        return 0.0
    tokens = set(re.findall(r"[a-z0-9]+", passage_folded))

    def has(word: str) -> bool:
        return word in tokens or any(t.startswith(word) for t in tokens)

    hit = sum(1 for g in groups if any(all(has(w) for w in phrase) for phrase in g))
    return hit / len(groups)


async def _remember(question: str, answered: bool) -> None:
    text = _PRIVATE.sub("…", question).strip()[:MAX_QUESTION]
    folded = fold(text)[:MAX_QUESTION]
    if not folded:
        return
    updated = await AskedQuestion.filter(folded=folded).update(
        times=F("times") + 1, answered=answered, question=text
    )
    if not updated:
        await AskedQuestion.create(question=text, folded=folded, answered=answered)


async def ask(actor: Actor, question: str, conversation_id: str | None = None) -> Answer:
    """Answer ``question`` from the passages ``actor`` may read. ``conversation_id`` is
    accepted for follow-ups but not used yet (each question stands alone)."""
    if len(question) > MAX_QUESTION:
        raise DomainError("QUESTION_TOO_LONG", field="question", max=MAX_QUESTION)
    services.readable(actor, Article.all())
    parsed = search.parse(question, await services.synonyms())
    hits = await search.ranked_passages(actor, parsed, limit=8, per_article=False)
    rows = {p.id: p for p in await KnowledgePassage.filter(id__in=[h.passage_id for h in hits])}
    articles = {a.id: a for a in await Article.filter(id__in=[h.article_id for h in hits])}
    cited: list[Citation] = []
    for hit in hits:
        row = rows.get(hit.passage_id)
        if row is None or len(cited) >= MAX_CITED:
            continue
        if cited and hit.article_id != cited[0].article.id:
            continue  # answer from one article: passages of others would mix procedures
        if coverage(parsed.groups, row.title + " " + row.body) >= MIN_COVERAGE:
            cited.append(Citation(articles[hit.article_id], row.id, row.position, row.text))
    answered = bool(cited)
    await _remember(question, answered)
    suggestions = [articles[i] for i in search.best_first(hits)[:3] if i in articles]
    return Answer(
        answered=answered,
        text="\n\n".join(c.text for c in cited),
        citations=cited,
        suggestions=[] if answered else suggestions,
    )


async def unanswered(actor: Actor) -> list[AskedQuestion]:
    if actor.kind not in ("user", "system") or not actor.has_role(*EDITOR_ROLES):
        raise PermissionDenied()
    return await AskedQuestion.filter(answered=False).order_by("-times", "-last_asked_at")
