"""The virtual assistant: answers a question only from retrieved passages, with citations.

No language model: the passages that best match the question (the same full-text search,
over passages of a few sentences, within the asker's audience) are the answer when they
cover enough of the question's terms; otherwise the assistant says it found nothing and
offers the closest articles. Each question is kept (its text with long digit runs and
e-mail addresses removed, never who asked) so editors see what is still unanswered.

A conversation (``conversation_id``) remembers its last question and the article that
answered it: a follow-up that finds nothing on its own ("thế thì làm sao?") is asked
again together with the question before it.

With an OpenAI-compatible chat endpoint configured (``DXNET_ASSISTANT_URL``), a model
writes the answer from the same retrieved passages, numbered; the answer is shown only
when every citation it makes is one of those passages, otherwise (and whenever the
endpoint fails) the extractive answer is given.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from tortoise.expressions import F

from core import ratelimit
from core.actor import EDITOR_ROLES, Actor
from core.clock import utcnow
from core.errors import DomainError, PermissionDenied
from core.text import fold
from knowledge import search, services
from knowledge.models import Article, AskedQuestion, Conversation, KnowledgePassage

log = logging.getLogger(__name__)

MAX_QUESTION = 500
MIN_COVERAGE = 0.5
MAX_CITED = 2
# Passages a model may write from: the best few that cover the question well enough.
MAX_FOR_MODEL = 4
CONVERSATION_IDLE = timedelta(days=1)
_PRIVATE = re.compile(r"\S+@\S+|\d[\d .-]{5,}\d")
_CONVERSATION_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Each question runs a few full-text queries: bounded per caller (their address, or their
# account), so a script cannot make the assistant the cheapest way to load the database.
QUESTIONS_PER_CALLER = ratelimit.Limit("assistant", 60, timedelta(minutes=10))


@dataclass(frozen=True)
class ModelEndpoint:
    """An OpenAI-compatible chat completions API: ``url`` is its base (``…/v1``)."""

    url: str
    key: str = field(default="", repr=False)
    model: str = "gpt-4o-mini"
    timeout_seconds: float = 20.0


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
    conversation_id: str | None = None
    # True when a language model wrote ``text`` (from the cited passages only).
    written_by_model: bool = False


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


async def _retrieve(
    actor: Actor, question: str
) -> tuple[list[Citation], list[Citation], list[int], dict[int, Article]]:
    """What answers ``question``: the extractive citations (one article's best passages),
    the passages a model may write from, and the closest articles, best first."""
    parsed = search.parse(question, await services.synonyms())
    hits = await search.ranked_passages(actor, parsed, limit=8, per_article=False)
    rows = {p.id: p for p in await KnowledgePassage.filter(id__in=[h.passage_id for h in hits])}
    articles = {a.id: a for a in await Article.filter(id__in=[h.article_id for h in hits])}
    cited: list[Citation] = []
    usable: list[Citation] = []
    for hit in hits:
        row = rows.get(hit.passage_id)
        if row is None or coverage(parsed.groups, row.title + " " + row.body) < MIN_COVERAGE:
            continue
        citation = Citation(articles[hit.article_id], row.id, row.position, row.text)
        if len(usable) < MAX_FOR_MODEL:
            usable.append(citation)
        if len(cited) < MAX_CITED and (not cited or hit.article_id == cited[0].article.id):
            cited.append(citation)  # one article: passages of others would mix procedures
    return cited, usable, search.best_first(hits), articles


async def _conversation(key: str | None) -> Conversation | None:
    if key is None:
        return None
    if not _CONVERSATION_KEY.match(key):
        raise DomainError("INVALID_CONVERSATION", field="conversationId")
    await Conversation.filter(updated_at__lt=utcnow() - CONVERSATION_IDLE).delete()
    conversation, _ = await Conversation.get_or_create(key=key)
    return conversation


async def ask(
    actor: Actor,
    question: str,
    conversation_id: str | None = None,
    *,
    caller: str = "",
    endpoint: ModelEndpoint | None = None,
) -> Answer:
    """Answer ``question`` from the passages ``actor`` may read, within ``conversation_id``
    when given (letters, digits, ``-`` and ``_``, 8 to 64: the PWA makes one per screen).
    ``caller`` (the account or the address) is what the rate limit counts."""
    if len(question) > MAX_QUESTION:
        raise DomainError("QUESTION_TOO_LONG", field="question", max=MAX_QUESTION)
    services.readable(actor, Article.all())
    if caller:
        await ratelimit.hit(QUESTIONS_PER_CALLER, caller, field="question")
    conversation = await _conversation(conversation_id)
    cited, usable, closest, articles = await _retrieve(actor, question)
    if not cited and conversation is not None and conversation.last_question:
        follow_up = f"{conversation.last_question} {question}"
        cited, usable, closest, articles = await _retrieve(actor, follow_up)
    answered = bool(cited)
    await _remember(question, answered)
    text = "\n\n".join(c.text for c in cited)
    written = False
    if answered and endpoint is not None:
        model_text, model_cited = await _written_by_model(endpoint, question, usable)
        if model_text:
            text, cited, written = model_text, model_cited, True
    if conversation is not None:
        conversation.last_question = _PRIVATE.sub("…", question).strip()[:MAX_QUESTION]
        if answered:
            conversation.last_article_id = cited[0].article.id
        conversation.turns += 1
        await conversation.save()
    return Answer(
        answered=answered,
        text=text,
        citations=cited,
        suggestions=[] if answered else [articles[i] for i in closest[:3] if i in articles],
        conversation_id=conversation.key if conversation else None,
        written_by_model=written,
    )


SYSTEM_PROMPT = (
    "You answer questions from community digital-technology teams in Vietnam. Use ONLY "
    "the numbered passages given. Answer in the language of the question, in a few short "
    "sentences, and put the number of the passage each sentence comes from in square "
    "brackets, like [1]. If the passages do not answer the question, reply exactly "
    "NO_ANSWER."
)
_REFERENCE = re.compile(r"\[(\d{1,2})\]")


async def _written_by_model(
    endpoint: ModelEndpoint, question: str, passages: list[Citation]
) -> tuple[str | None, list[Citation]]:
    """The model's answer and the passages it cites, or (None, []) when the endpoint fails,
    declines, or cites anything but the passages it was given."""
    numbered = "\n\n".join(f"[{i}] {p.text}" for i, p in enumerate(passages, 1))
    body = {
        "model": endpoint.model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Passages:\n{numbered}\n\nQuestion: {question}"},
        ],
    }
    headers = {"Authorization": f"Bearer {endpoint.key}"} if endpoint.key else {}
    try:
        async with httpx.AsyncClient(timeout=endpoint.timeout_seconds) as client:
            reply = await client.post(
                endpoint.url.rstrip("/") + "/chat/completions", json=body, headers=headers
            )
            reply.raise_for_status()
            text = str(reply.json()["choices"][0]["message"]["content"]).strip()
    except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as error:
        log.warning("assistant model endpoint failed: %s", type(error).__name__)
        return None, []
    numbers = {int(n) for n in _REFERENCE.findall(text)}
    if "NO_ANSWER" in text or not numbers or not numbers <= set(range(1, len(passages) + 1)):
        return None, []
    return text, [passages[n - 1] for n in sorted(numbers)]


async def unanswered(actor: Actor) -> list[AskedQuestion]:
    if actor.kind not in ("user", "system") or not actor.has_role(*EDITOR_ROLES):
        raise PermissionDenied()
    return await AskedQuestion.filter(answered=False).order_by("-times", "-last_asked_at")
