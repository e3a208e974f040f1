"""Full-text search of published passages in the database's own engine.

The index holds folded text (core.text.fold: 'Định danh' -> 'dinh danh'), so a query is
folded the same way, split into plain terms (letters and digits only: quotes, ``*``,
``NEAR``, ``OR`` or SQL typed by a user are just words, never syntax), stop words
dropped, synonyms from ``knowledge_synonym`` added as phrases, and each term matched as a
prefix (search as you type). Terms are OR-ed and ranked: FTS5 ``bm25`` with the title
weighted 4:1 over the passage on SQLite, ``ts_rank_cd`` over a tsvector whose title has
weight A on PostgreSQL (``ts_rank`` found the right article first for 0.82 of the
evaluation questions, ``ts_rank_cd`` for 0.91: decision 0028). Highlights are computed here on the original text (with its tone
marks), which ``fold_aligned`` keeps character-for-character in line with the folded one.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from core.actor import FIELD_ROLES, Actor, Role
from core.text import fold

MAX_QUERY_CHARS = 300
MAX_TERMS = 12
_TOKEN = re.compile(r"[a-z0-9]+")
_ARTICLE_LINK = re.compile(r"\[([^\]]*)\]\(#/kb/[a-z0-9-]*\)")
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
MARK_START = "\x02"
MARK_END = "\x03"
TITLE_WEIGHT = 4.0
CANDIDATES = 300
MIN_STRICT = 3
# The any-word stage matches only the query's rarest groups, as many as hold together
# about this many passages (at least one group), and ranks those by every group: ranking
# every passage that holds a common word cost 60-90 ms on SQLite and 90-500 ms on
# PostgreSQL at 10,000 articles (decision 0028).
ANY_WORD_BUDGET = 2_000
STATS_SECONDS = 300.0

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


class _FoldTable(dict[int, str]):
    """``str.translate`` table folding one character to one: filled on first sight, so a
    passage is folded in C (``fold`` per character in Python cost about 6 ms of a
    20-result search)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = fold(ch) if not ch.isspace() else " "
        self[code] = value = folded[:1] if folded else " "
        return value


_FOLD_TABLE = _FoldTable()


def fold_aligned(text: str) -> str:
    """``fold`` character by character, keeping the length (for highlighting)."""
    return text.translate(_FOLD_TABLE)


def terms_of(query: str) -> list[str]:
    """Plain folded terms of a user's query, stop words dropped (kept if nothing else)."""
    words = _TOKEN.findall(fold(query[:MAX_QUERY_CHARS]))
    kept = [w for w in words if w not in STOP_WORDS]
    return list(dict.fromkeys(kept or words))[:MAX_TERMS]


@dataclass(frozen=True)
class ParsedQuery:
    """The query as groups of alternatives: each group is a list of phrases (a phrase is
    a list of words), one of which must occur. A plain word is a group of one one-word
    phrase; a synonym found in the query is a group of both its spellings."""

    groups: list[list[list[str]]]
    prefix: str | None = None

    @property
    def empty(self) -> bool:
        return not self.groups

    @property
    def terms(self) -> list[str]:
        return [g[0][0] for g in self.groups if len(g) == 1 and len(g[0]) == 1]

    def words(self) -> set[str]:
        return {w for g in self.groups for p in g for w in p}

    def only(self, indexes: Iterable[int]) -> ParsedQuery:
        """The same query keeping only the groups at ``indexes``."""
        return ParsedQuery([self.groups[i] for i in sorted(indexes)], self.prefix)


def parse(query: str, synonyms: Iterable[tuple[str, str]]) -> ParsedQuery:
    """Plain terms of ``query`` (stop words dropped) and, for each synonym whose one side
    occurs in it, a group holding both sides; the last word typed is a prefix."""
    words = _TOKEN.findall(fold(query[:MAX_QUERY_CHARS]))
    folded = " " + " ".join(words) + " "
    groups: list[list[list[str]]] = []
    used: set[str] = set()
    for term, expansion in synonyms:
        for side, other in ((term, expansion), (expansion, term)):
            if f" {side} " in folded:
                group = [_TOKEN.findall(side), _TOKEN.findall(other)]
                if group[1] and group not in groups:
                    groups.append(group)
                    used.update(group[0])
    plain = [t for t in terms_of(query) if t not in used]
    groups = [[[t]] for t in plain] + groups
    last = words[-1] if words and query == query.rstrip() else None
    prefix = last if last in plain and len(last) >= 2 else None
    return ParsedQuery(groups[:MAX_TERMS], prefix)


def _fts5_phrase(words: list[str], prefix: str | None) -> str:
    text = '"' + " ".join(words) + '"'
    return text + "*" if len(words) == 1 and words[0] == prefix else text


def _subsets(groups: list[list[list[str]]], need: int) -> list[list[list[list[str]]]]:
    """``groups`` itself (need = all), or each way of leaving one group out (need = all-1)."""
    if need >= len(groups):
        return [groups]
    return [groups[:i] + groups[i + 1 :] for i in range(len(groups))]


def _need_groups(
    parsed: ParsedQuery,
    need: int | None,
    phrase: Callable[[list[str], str | None], str],
    *,
    either: str,
    both: str,
) -> str:
    """Passages holding at least ``need`` of the groups (any group when None), written
    with a dialect's ``phrase`` and its ``either`` (or) and ``both`` (and) operators."""
    if need is None:
        return either.join(phrase(p, parsed.prefix) for g in parsed.groups for p in g)
    return either.join(
        "("
        + both.join("(" + either.join(phrase(p, parsed.prefix) for p in g) + ")" for g in subset)
        + ")"
        for subset in _subsets(parsed.groups, need)
    )


def fts5_match(parsed: ParsedQuery, *, need: int | None = None) -> str:
    """An FTS5 MATCH expression of quoted words only: passages holding at least ``need``
    of the groups (all of them, or all but one), or any group when ``need`` is None."""
    return _need_groups(parsed, need, _fts5_phrase, either=" OR ", both=" AND ")


def _ts_phrase(words: list[str], prefix: str | None) -> str:
    if len(words) == 1:
        return f"{words[0]}:*" if words[0] == prefix else words[0]
    return "(" + " <-> ".join(words) + ")"


def tsquery(parsed: ParsedQuery, *, need: int | None = None) -> str:
    """A ``to_tsquery('simple', ...)`` text of plain words only, as ``fts5_match``."""
    return _need_groups(parsed, need, _ts_phrase, either=" | ", both=" & ")


def split_passages(title: str, summary: str, body: str, *, size: int = 3) -> list[str]:
    """Passage 0 is the title and summary; then the body in groups of ``size`` sentences
    (a Markdown heading starts a new passage). A link to another article keeps its text
    only: its address would make the words of the other article's slug match this one."""
    passages = [f"{title}. {summary}".strip()]
    sentences: list[str] = []
    for line in _ARTICLE_LINK.sub(r"\1", body).splitlines():
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


STAFF_READERS: tuple[Role, ...] = (*FIELD_ROLES, Role.COMMITTEE_MEMBER)
"""Who reads STAFF articles: the network's own people. A partner enterprise's staff
(``PARTNER``), a partner app and a visitor read the public ones."""


def reads_as_public(actor: Actor) -> bool:
    return actor.kind != "system" and (actor.kind != "user" or not actor.has_role(*STAFF_READERS))


def audience_sql(actor: Actor, mark: str) -> tuple[str, list[object]]:
    """A WHERE fragment over passage ``p`` for what ``actor`` may read, and its values."""
    if reads_as_public(actor):
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
    ``per_article`` only each article's best passage (so ``limit`` articles).

    Passages holding every group of the query come first (an AND query, which the engine
    answers from the intersection of a few posting lists, so it stays fast on a large
    base); when fewer than ``MIN_STRICT`` are found, those holding all groups but one
    (a typo, an extra word), and only then those holding any group (an OR query, which
    scores every passage holding a common word: the slow path)."""
    if parsed.empty:
        return []
    groups = len(parsed.groups)
    stages: list[int | None] = [groups]
    if 3 <= groups <= 8:
        stages.append(groups - 1)
    if groups > 1:
        stages.append(None)
    hits: list[Hit] = []
    seen: set[int] = set()
    for need in stages:
        match = await rarest(parsed) if need is None else parsed
        for hit in await _ranked(actor, parsed, match, need, limit, per_article, category):
            key = hit.article_id if per_article else hit.passage_id
            if key not in seen:
                seen.add(key)
                hits.append(hit)
        if len(hits) >= MIN_STRICT:
            break
    return hits[:limit]


async def rarest(parsed: ParsedQuery) -> ParsedQuery:
    """The rarest groups of ``parsed`` holding together at most ``ANY_WORD_BUDGET``
    passages (at least the rarest one): what the any-word stage matches."""
    if len(parsed.groups) < 2:
        return parsed
    counts = await group_counts(parsed)
    order = sorted(range(len(counts)), key=lambda i: counts[i])
    chosen, total = [order[0]], counts[order[0]]
    for i in order[1:]:
        if total + counts[i] > ANY_WORD_BUDGET:
            break
        chosen.append(i)
        total += counts[i]
    return parsed.only(chosen)


async def group_counts(parsed: ParsedQuery) -> list[int]:
    """How many passages hold each group (an upper bound for phrases): from the FTS5
    index's vocabulary on SQLite (``knowledge_passage_vocab``, migration 0016: one index
    lookup a word), estimated from PostgreSQL's statistics of the tsvector column
    (``pg_stats.most_common_elems``, which ANALYZE and autovacuum keep; counting through
    the GIN index reads the table's pages, about 5 ms a common word)."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        stats = await _postgres_stats(conn)
    else:
        stats = await _sqlite_stats(conn, parsed)
    return [sum(stats.phrase(p, parsed.prefix) for p in g) for g in parsed.groups]


@dataclass(frozen=True)
class _LexemeStats:
    """Passages per word; a word not listed holds ``floor`` (PostgreSQL lists only the
    words it sampled as common: any other is rarer than the least common of those). A
    key ``word*`` holds the passages of the words starting with ``word``."""

    counts: dict[str, int]
    floor: int = 0
    expires: float = 0.0

    def word(self, word: str, prefix: bool) -> int:
        if not prefix:
            return self.counts.get(word, self.floor)
        if word + "*" in self.counts:
            return self.counts[word + "*"]
        return max(self.floor, sum(n for w, n in self.counts.items() if w.startswith(word)))

    def phrase(self, words: list[str], prefix: str | None) -> int:
        return min(self.word(w, len(words) == 1 and w == prefix) for w in words)


async def _sqlite_stats(conn: BaseDBAsyncClient, parsed: ParsedQuery) -> _LexemeStats:
    words = sorted(parsed.words())
    sql = "SELECT term, doc FROM knowledge_passage_vocab WHERE term IN ({})".format(  # noqa: S608
        ", ".join("?" for _ in words)
    )
    values: list[object] = list(words)
    if parsed.prefix:
        sql += (
            " UNION ALL SELECT ? || '*', coalesce(sum(doc), 0) FROM knowledge_passage_vocab "
            "WHERE term >= ? AND term < ?"
        )
        values += [parsed.prefix, parsed.prefix, parsed.prefix + "\U0010ffff"]
    rows = await conn.execute_query_dict(sql, values)
    return _LexemeStats({str(r["term"]): int(r["doc"]) for r in rows})


_STATS: dict[str, _LexemeStats] = {}


async def _postgres_stats(conn: BaseDBAsyncClient) -> _LexemeStats:
    """The column's lexeme statistics, read again every ``STATS_SECONDS`` (they change
    only when the table is analysed; a stale figure only moves the budget)."""
    now = time.monotonic()
    cached = _STATS.get(conn.connection_name)
    if cached is not None and cached.expires > now:
        return cached
    rows = await conn.execute_query_dict(
        "SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, "
        "c.reltuples AS total FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
        "AND c.relnamespace = to_regnamespace(s.schemaname) "
        "WHERE s.schemaname = current_schema() AND s.tablename = 'knowledge_passage' "
        "AND s.attname = 'search'"
    )
    counts: dict[str, int] = {}
    floor = 0
    if rows and rows[0]["elems"]:
        elems, freqs, total = rows[0]["elems"], rows[0]["freqs"], float(rows[0]["total"])
        counts = {e: round(f * total) for e, f in zip(elems, freqs[: len(elems)], strict=True)}
        floor = min(counts.values())
    stats = _LexemeStats(counts, floor, now + STATS_SECONDS)
    _STATS[conn.connection_name] = stats
    return stats


async def _ranked(
    actor: Actor,
    parsed: ParsedQuery,
    match: ParsedQuery,
    need: int | None,
    limit: int,
    per_article: bool,
    category: str | None,
) -> list[Hit]:
    conn = connections.get("default")
    postgres = conn.capabilities.dialect == "postgres"
    mark = "?"
    where, values = audience_sql(actor, mark)
    if category:
        where += f" AND p.category = {mark}"
        values.append(category)
    # The engine ranks its matches and keeps the best CANDIDATES (a top-k heap, no join),
    # then only those are joined to their passages and filtered by audience.
    candidates = CANDIDATES + 10 * int(limit)
    # The any-word stage matches ``match`` (the rarest groups) and ranks by all of them.
    narrowed = need is None and len(match.groups) < len(parsed.groups)
    if postgres:
        inner = (
            "SELECT p.id, p.article_id, c.score FROM (SELECT id, ts_rank_cd('{0.1, 0.2, 0.25, 1.0}', search, r) AS score "  # noqa: S608
            "FROM knowledge_passage, to_tsquery('simple', ?) q, to_tsquery('simple', ?) r "
            f"WHERE search @@ q ORDER BY score DESC LIMIT {candidates}) c "
            f"JOIN knowledge_passage p ON p.id = c.id WHERE {where}"
        )
        # Ranked by every group once, whatever the stage matched: ts_rank_cd over the
        # all-but-one expression (each word n-1 times) took 240 ms for 2,335 passages,
        # over the plain any-word query 45 ms, and ranked better (decision 0028).
        params: list[object] = [tsquery(match, need=need), tsquery(parsed), *values]
    else:
        inner = (
            "SELECT p.id, p.article_id, -c.rank AS score FROM (SELECT rowid, rank "  # noqa: S608
            "FROM knowledge_passage_fts WHERE knowledge_passage_fts MATCH ? "
            f"AND rank MATCH 'bm25({TITLE_WEIGHT}, 1.0)' ORDER BY rank LIMIT {candidates}) c "
            f"JOIN knowledge_passage p ON p.id = c.rowid WHERE {where}"
        )
        # bm25 scores every phrase of the expression: the AND keeps the rarest groups'
        # matches and lets the others count in their rank.
        expression = fts5_match(parsed, need=need)
        if narrowed:
            expression = f"({fts5_match(match)}) AND ({expression})"
        params = [expression, *values]
    order = "score DESC"
    if per_article:
        sql = (
            "SELECT id, article_id, score FROM (SELECT id, article_id, score, ROW_NUMBER() OVER "  # noqa: S608
            f"(PARTITION BY article_id ORDER BY {order}, id) AS n FROM ({inner}) s) r "
            f"WHERE n = 1 ORDER BY {order}, article_id LIMIT {int(limit)}"
        )
    else:
        sql = (
            f"SELECT id, article_id, score FROM ({inner}) s ORDER BY {order}, id LIMIT {int(limit)}"  # noqa: S608
        )
    if postgres:  # asyncpg numbers its placeholders
        pieces = sql.split("?")
        sql = pieces[0] + "".join(f"${i}{piece}" for i, piece in enumerate(pieces[1:], 1))
    rows = await conn.execute_query_dict(sql, params)
    return [Hit(int(r["id"]), int(r["article_id"]), float(r["score"])) for r in rows]


def best_first(hits: Sequence[Hit]) -> list[int]:
    return list(dict.fromkeys(h.article_id for h in hits))
