"""Full-text search of published passages in the database's own engine.

The index holds folded text (core.text.fold: 'Định danh' -> 'dinh danh'), so a query is
folded the same way, split into plain terms (letters and digits only: quotes, ``*``,
``NEAR``, ``OR`` or SQL typed by a user are just words, never syntax), stop words
dropped, synonyms from ``knowledge_synonym`` added as phrases, and each term matched as a
prefix (search as you type). Terms are OR-ed and ranked: FTS5 ``bm25`` with the title
weighted 4:1 over the passage on SQLite, ``ts_rank`` over a tsvector whose title has
weight A on PostgreSQL. Highlights are computed here on the original text (with its tone
marks), which ``fold_aligned`` keeps character-for-character in line with the folded one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tortoise import connections

from core.actor import Actor
from core.text import fold

MAX_QUERY_CHARS = 300
MAX_TERMS = 12
_TOKEN = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
MARK_START = "\x02"
MARK_END = "\x03"
TITLE_WEIGHT = 4.0

# Words that carry no topic in a Vietnamese (or English) question, folded.
STOP_WORDS = frozenset(
    [
        "a",
        "ai",
        "anh",
        "ban",
        "bao",
        "bi",
        "bo",
        "cac",
        "cach",
        "can",
        "chi",
        "cho",
        "chua",
        "co",
        "con",
        "cua",
        "da",
        "dang",
        "de",
        "den",
        "di",
        "duoc",
        "gi",
        "hay",
        "hoac",
        "khi",
        "khong",
        "la",
        "lam",
        "len",
        "luc",
        "ma",
        "minh",
        "mot",
        "nao",
        "neu",
        "nguoi",
        "nhu",
        "nhung",
        "nay",
        "o",
        "ong",
        "ra",
        "roi",
        "sao",
        "se",
        "tai",
        "the",
        "thi",
        "thoi",
        "toi",
        "tu",
        "va",
        "vao",
        "vay",
        "ve",
        "voi",
        "xin",
        "the",
        "nao",
        "lam",
        "sao",
        "the",
        "an",
        "how",
        "do",
        "i",
        "to",
        "the",
        "is",
        "what",
        "can",
        "my",
        "of",
        "in",
        "on",
        "for",
        "and",
        "or",
        "be",
        "with",
    ]
)


def fold_aligned(text: str) -> str:
    """``fold`` character by character, keeping the length (for highlighting)."""
    out = []
    for ch in text:
        folded = fold(ch) if not ch.isspace() else " "
        out.append(folded[:1] if len(folded) >= 1 else " ")
    return "".join(out)


def terms_of(query: str) -> list[str]:
    """Plain folded terms of a user's query, stop words dropped (kept if nothing else)."""
    words = _TOKEN.findall(fold(query[:MAX_QUERY_CHARS]))
    kept = [w for w in words if w not in STOP_WORDS]
    return list(dict.fromkeys(kept or words))[:MAX_TERMS]


@dataclass(frozen=True)
class ParsedQuery:
    terms: list[str]
    phrases: list[list[str]]

    @property
    def empty(self) -> bool:
        return not self.terms and not self.phrases

    def words(self) -> set[str]:
        return set(self.terms) | {w for p in self.phrases for w in p}


def parse(query: str, synonyms: Iterable[tuple[str, str]]) -> ParsedQuery:
    """Terms of ``query`` plus, for each synonym whose one side occurs in it, the other side
    as a phrase (both directions)."""
    folded = " " + " ".join(_TOKEN.findall(fold(query[:MAX_QUERY_CHARS]))) + " "
    phrases: list[list[str]] = []
    for term, expansion in synonyms:
        for side, other in ((term, expansion), (expansion, term)):
            if f" {side} " in folded:
                words = _TOKEN.findall(other)
                if words and words not in phrases:
                    phrases.append(words)
    return ParsedQuery(terms_of(query), phrases[:MAX_TERMS])


def fts5_match(parsed: ParsedQuery) -> str:
    """An FTS5 MATCH expression from plain terms only (each one quoted)."""
    parts = [f'"{t}"*' if len(t) >= 2 else f'"{t}"' for t in parsed.terms]
    parts += ['"' + " ".join(p) + '"' for p in parsed.phrases]
    return " OR ".join(parts)


def tsquery(parsed: ParsedQuery) -> str:
    """A ``to_tsquery('simple', ...)`` text from plain terms only."""
    parts = [f"{t}:*" if len(t) >= 2 else t for t in parsed.terms]
    parts += ["(" + " <-> ".join(p) + ")" for p in parsed.phrases]
    return " | ".join(parts)


def split_passages(title: str, summary: str, body: str, *, size: int = 3) -> list[str]:
    """Passage 0 is the title and summary; then the body in groups of ``size`` sentences
    (a Markdown heading starts a new passage)."""
    passages = [f"{title}. {summary}".strip()]
    sentences: list[str] = []
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#") and sentences:
            passages.append(" ".join(sentences))
            sentences = []
        sentences.extend(s.strip() for s in _SENTENCE.split(line.lstrip("#-*> ").strip()) if s)
        while len(sentences) >= size:
            passages.append(" ".join(sentences[:size]))
            sentences = sentences[size:]
    if sentences:
        passages.append(" ".join(sentences))
    return [unicodedata.normalize("NFC", p) for p in passages if p]


def highlight(text: str, words: set[str], *, start: str = "**", end: str = "**") -> str:
    """``text`` with every word starting with one of ``words`` (folded) wrapped in marks."""
    if not words:
        return text
    aligned = fold_aligned(text)
    pattern = re.compile(
        r"\b("
        + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        + r")[a-z0-9]*"
    )
    out, last = [], 0
    for match in pattern.finditer(aligned):
        out += [text[last : match.start()], start, text[match.start() : match.end()], end]
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def ancestor_paths(path: str) -> list[str]:
    """'/96/32002/' -> ['/96/', '/96/32002/'] (the unit itself included)."""
    parts = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def audience_sql(actor: Actor, mark: str) -> tuple[str, list[object]]:
    """A WHERE fragment over passage ``p`` for what ``actor`` may read, and its values."""
    if not actor.is_authenticated:
        return "p.audience = 'PUBLIC'", []
    if actor.scope_path is None:
        return "p.audience IN ('PUBLIC', 'STAFF')", []
    paths = ancestor_paths(actor.scope_path)
    marks = ", ".join(mark for _ in paths)
    return (
        "(p.audience IN ('PUBLIC', 'STAFF') OR (p.audience = 'UNIT' AND "
        f"(p.audience_path IN ({marks}) OR p.audience_path LIKE {mark})))",
        [*paths, actor.scope_path + "%"],
    )


@dataclass(frozen=True)
class Hit:
    passage_id: int
    article_id: int
    score: float


async def ranked_passages(
    actor: Actor,
    parsed: ParsedQuery,
    *,
    limit: int,
    per_article: bool,
    category: str | None = None,
) -> list[Hit]:
    """The best passages for ``parsed`` that ``actor`` may read, best first; with
    ``per_article`` only each article's best passage (so ``limit`` articles)."""
    if parsed.empty:
        return []
    conn = connections.get("default")
    postgres = conn.capabilities.dialect == "postgres"
    mark = "?"
    where, values = audience_sql(actor, mark)
    if category:
        where += f" AND p.category = {mark}"
        values.append(category)
    if postgres:
        inner = (
            "SELECT p.id, p.article_id, ts_rank(p.search, q) AS score "  # noqa: S608 (constants and placeholders only)
            "FROM knowledge_passage p, to_tsquery('simple', ?) q "
            f"WHERE p.search @@ q AND {where}"
        )
        params: list[object] = [tsquery(parsed), *values]
        order = "score DESC"
    else:
        inner = (
            f"SELECT p.id, p.article_id, -bm25(knowledge_passage_fts, {TITLE_WEIGHT}, 1.0) AS score "  # noqa: S608 (constants and placeholders only)
            "FROM knowledge_passage_fts f JOIN knowledge_passage p ON p.id = f.rowid "
            f"WHERE knowledge_passage_fts MATCH ? AND {where}"
        )
        params = [fts5_match(parsed), *values]
        order = "score DESC"
    if per_article:
        sql = (
            "SELECT id, article_id, score FROM (SELECT id, article_id, score, ROW_NUMBER() OVER "  # noqa: S608 (constants and placeholders only)
            f"(PARTITION BY article_id ORDER BY {order}, id) AS n FROM ({inner}) s) r "
            f"WHERE n = 1 ORDER BY {order}, article_id LIMIT {int(limit)}"
        )
    else:
        sql = (
            f"SELECT id, article_id, score FROM ({inner}) s ORDER BY {order}, id LIMIT {int(limit)}"  # noqa: S608 (constants and placeholders only)
        )
    if postgres:  # asyncpg numbers its placeholders
        pieces = sql.split("?")
        sql = pieces[0] + "".join(f"${i}{piece}" for i, piece in enumerate(pieces[1:], 1))
    rows = await conn.execute_query_dict(sql, params)
    return [Hit(int(r["id"]), int(r["article_id"]), float(r["score"])) for r in rows]


def best_first(hits: Sequence[Hit]) -> list[int]:
    return list(dict.fromkeys(h.article_id for h in hits))
