"""Knowledge base: search and assistant quality on the demo articles, search latency at scale.

Quality: every question of ``tests/knowledge/eval_questions.json`` (with and without tone
marks, abbreviations, typos, English) is searched as a visitor; recall@1, recall@3 and
MRR of the expected article(s) are printed for ``articles(search:)`` and for the
assistant's citations (a question it does not answer counts as a miss).

Latency: the demo articles are copied, their sentences shuffled, up to ``--articles``
(10,000) published articles with their passages in the full-text index; each question
is searched ``--runs`` times and p50/p95 printed, on the clock and as CPU time of this
process (SQLite runs in it), with the PostgreSQL server's CPU time a search on average:
on a machine shared with other work the clock also measures the wait for a CPU. Search quality is printed again at
that size, a copy counting as its original. SQLite by default, ``--postgres URL`` for
PostgreSQL (analysed after the bulk copy, as autovacuum would; the test server runs
without it). Goal: recall@3 >= 0.9, p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tortoise import connections

from bench.databases import bench_database
from core.actor import Actor
from core.text import fold
from demo.knowledge import seed_demo_knowledge
from demo.knowledge_data import ARTICLES
from knowledge import assistant, search, services
from knowledge.models import Article, ArticleStatus, Audience, KnowledgePassage
from network.models import AdminUnit
from network.seed import seed_province

PROVINCE = 96
EVAL_FILE = Path(__file__).resolve().parent.parent / "tests" / "knowledge" / "eval_questions.json"


@dataclass(frozen=True)
class Quality:
    questions: int
    recall_1: float
    recall_3: float
    mrr: float


def load_questions(path: Path = EVAL_FILE) -> list[tuple[str, set[str]]]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [(r["question"], set(r["slugs"])) for r in rows]


def score(ranked: list[list[str]], expected: list[set[str]]) -> Quality:
    r1 = r3 = rr = 0.0
    for slugs, want in zip(ranked, expected, strict=True):
        rank = next((i for i, s in enumerate(slugs, 1) if s in want), None)
        r1 += rank == 1
        r3 += rank is not None and rank <= 3
        rr += 1 / rank if rank else 0.0
    n = max(1, len(ranked))
    return Quality(len(ranked), r1 / n, r3 / n, rr / n)


async def evaluate(
    questions: list[tuple[str, set[str]]],
) -> tuple[Quality, Quality, list[str]]:
    """Search and assistant quality over ``questions``; the questions search missed."""
    visitor = Actor.anonymous()
    searched, cited, missed = [], [], []
    for question, want in questions:
        found = await services.search_articles(visitor, question, limit=10)
        slugs = [f.article.slug for f in found]
        searched.append(slugs)
        if not set(slugs[:3]) & want:
            missed.append(question)
        answer = await assistant.ask(visitor, question)
        cited.append(list(dict.fromkeys(c.article.slug for c in answer.citations)))
    expected = [w for _, w in questions]
    return score(searched, expected), score(cited, expected), missed


async def grow(total: int) -> None:
    """Copies of the demo articles (sentences shuffled) up to ``total`` published ones,
    written straight to the tables in batches (the index follows by trigger / column)."""
    rng = random.Random(17)
    have = await Article.all().count()
    batch: list[Article] = []
    n = 0
    while have + n < total:
        row = ARTICLES[n % len(ARTICLES)]
        sentences = row.body.replace("\n", " ").split(". ")
        rng.shuffle(sentences)
        batch.append(
            Article(
                slug=f"{row.slug}-copy-{n}",
                title=f"{row.title} ({n})",
                summary=row.summary,
                body=". ".join(sentences),
                category=row.category,
                tags=list(row.tags),
                owner_path=f"/{PROVINCE}/",
                status=ArticleStatus.PUBLISHED,
                audience=Audience.PUBLIC if n % 3 else Audience.STAFF,
            )
        )
        n += 1
        if len(batch) == 500 or have + n == total:
            await Article.bulk_create(batch)
            made = await Article.filter(slug__in=[a.slug for a in batch])
            passages = []
            for article in made:
                title = fold(article.title)
                for i, text in enumerate(
                    search.split_passages(article.title, article.summary, article.body)
                ):
                    passages.append(
                        KnowledgePassage(
                            article_id=article.id,
                            position=i,
                            text=text,
                            title=title,
                            body=fold(text),
                            audience=article.audience,
                            category=article.category,
                        )
                    )
            await KnowledgePassage.bulk_create(passages, batch_size=1000)
            batch = []


async def _server_pids() -> list[int]:
    """The PostgreSQL server processes serving this database (none on SQLite)."""
    conn = connections.get("default")
    if conn.capabilities.dialect != "postgres":
        return []
    rows = await conn.execute_query_dict(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
    )
    return [int(r["pid"]) for r in rows]


def _server_cpu_seconds(pids: list[int]) -> float:
    """CPU time of the server processes ``pids`` (user + system, from /proc, in ticks of
    10 ms: only a sum over many searches means anything)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


@dataclass(frozen=True)
class Latency:
    p50: float
    p95: float
    cpu_p50: float
    cpu_p95: float
    server_cpu_mean: float


def _p50_p95(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[int(len(values) * 0.95) - 1]


async def latency(questions: list[tuple[str, set[str]]], runs: int) -> Latency:
    visitor = Actor.anonymous()
    await services.search_articles(visitor, "khởi động", limit=20)  # opens the pool
    pids = await _server_pids()
    clock, cpu = [], []
    server_start = _server_cpu_seconds(pids)
    for _ in range(runs):
        for question, _want in questions:
            start, start_cpu = time.perf_counter(), time.process_time()
            await services.search_articles(visitor, question, limit=20)
            clock.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    server = (_server_cpu_seconds(pids) - server_start) * 1000 / len(clock)
    return Latency(*_p50_p95(clock), *_p50_p95(cpu), server)


async def quality_at_scale(questions: list[tuple[str, set[str]]]) -> Quality:
    """Search quality over the grown base, a copy ``<slug>-copy-<n>`` counting as ``<slug>``."""
    visitor = Actor.anonymous()
    ranked = []
    for question, _want in questions:
        found = await services.search_articles(visitor, question, limit=10)
        slugs = (re.sub(r"-copy-\d+$", "", f.article.slug) for f in found)
        ranked.append(list(dict.fromkeys(slugs)))
    return score(ranked, [w for _, w in questions])


async def run(articles: int, runs: int, postgres: str | None) -> None:
    questions = load_questions()
    with tempfile.TemporaryDirectory(prefix="dxnet-bench-") as tmp:
        async with bench_database(Path(tmp), postgres):
            await seed_province(PROVINCE)
            root = await AdminUnit.get(code=str(PROVINCE))
            await seed_demo_knowledge(Actor.system(root.path, root.code), root)
            found, cited, missed = await evaluate(questions)
            print(f"{found.questions} questions over {len(ARTICLES)} demo articles")
            print("                recall@1  recall@3   MRR")
            for name, q in (("search", found), ("assistant", cited)):
                print(f"  {name:<12} {q.recall_1:>8.3f}  {q.recall_3:>8.3f}  {q.mrr:.3f}")
            for question in missed:
                print(f"  search missed (top 3): {question}")
            started = time.perf_counter()
            await grow(articles)
            grown = time.perf_counter() - started
            if postgres:  # as autovacuum does after a bulk load (search.group_counts)
                await connections.get("default").execute_script("ANALYZE knowledge_passage")
            passages = await KnowledgePassage.all().count()
            big = await quality_at_scale(questions)
            took = await latency(questions, runs)
            where = "PostgreSQL" if postgres else "SQLite"
            print(
                f"{where}: {articles:,} articles, {passages:,} passages indexed in "
                f"{grown:.1f} s\n  search (a copy counts as its original): recall@1 "
                f"{big.recall_1:.3f}, recall@3 {big.recall_3:.3f}, MRR {big.mrr:.3f}\n"
                f"  {len(questions) * runs} searches: p50 {took.p50:.1f} ms, p95 "
                f"{took.p95:.1f} ms (target < 50 ms); CPU per search in this process "
                f"(SQLite's included) p50 {took.cpu_p50:.1f} ms, p95 {took.cpu_p95:.1f} ms"
                + (
                    f"; PostgreSQL server CPU {took.server_cpu_mean:.1f} ms a search on average"
                    if postgres
                    else ""
                )
            )


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench knowledge", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--articles", type=int, default=10_000, help="articles for latency")
    parser.add_argument("--runs", type=int, default=2, help="passes over the questions")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server database URL")
    args = parser.parse_args(list(argv))
    asyncio.run(run(args.articles, args.runs, args.postgres))
    return 0
