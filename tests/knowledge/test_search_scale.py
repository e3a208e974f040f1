"""What keeps search fast on a large base (decision 0028): the any-word stage matches only
the query's rarest words, counted by the engine (FTS5's vocabulary on SQLite, the column
statistics on PostgreSQL), and ranks them by every word; highlighting folds a passage in
one ``str.translate``."""

from __future__ import annotations

import pytest
from tortoise import connections

from core.actor import Actor
from knowledge import search, services
from knowledge.services import ArticleData
from tests.knowledge.articles import published


async def _published(system: Actor, title: str, body: str) -> int:
    return await published(system, ArticleData(title=title, body=body))


async def _analysed() -> None:
    """PostgreSQL's statistics as autovacuum would leave them after the writes."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "postgres":
        await conn.execute_script("ANALYZE knowledge_passage")
    search._STATS.clear()


async def test_the_any_word_stage_matches_only_the_rarest_words(
    system: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    common = [
        await _published(system, f"Bài số {n} về điện thoại", "Điện thoại thông minh. Sạc pin.")
        for n in range(5)
    ]
    rare = await _published(system, "Đặt passcode", "Mỗi tài khoản có một passcode riêng.")
    await _analysed()
    parsed = search.parse("điện thoại passcode", [])

    counts = await search.group_counts(parsed)
    everything = [f.article.id for f in await services.search_articles(system, "dien passcode")]
    monkeypatch.setattr(search, "ANY_WORD_BUDGET", 2)
    narrowed = await search.rarest(search.parse("dien passcode", []))
    bounded = [f.article.id for f in await services.search_articles(system, "dien passcode")]

    # No passage holds both words: the any-word stage answers. Within the budget it
    # ranks every passage holding either; past it, only those holding the rarer word.
    assert counts == [10, 10, 2]  # passages: each article's title and its body
    assert sorted(everything) == sorted([*common, rare])
    assert narrowed.groups == [[["passcode"]]]
    assert bounded == [rare]


async def test_every_word_still_counts_in_the_rank_of_the_bounded_stage(
    system: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(4):
        await _published(system, f"Ghi chú {n}", "Ứng dụng điện thoại hướng dẫn sử dụng.")
    for n in range(6):  # so that "dien" is not in half the passages (bm25 weighs it 0)
        await _published(system, f"Chủ đề {n}", "Nội dung khác.")
    lone = await _published(system, "Mã passcode", "Đặt passcode trong ứng dụng.")
    both = await _published(system, "Passcode điện thoại", "Đặt passcode trên điện thoại.")
    await _analysed()
    monkeypatch.setattr(search, "ANY_WORD_BUDGET", 6)

    # No passage holds all four words nor three of them: the any-word stage matches the
    # passages holding "zzz", "yyy" or "passcode" (4 passages; PostgreSQL estimates a
    # word it did not sample at 1) and not the 6 holding "dien", which still counts in
    # their rank.
    parsed = search.parse("dien passcode zzz yyy", [])
    narrowed = await search.rarest(parsed)
    found = [f.article.id for f in await services.search_articles(system, "dien passcode zzz yyy")]

    assert [g[0][0] for g in narrowed.groups] == ["passcode", "zzz", "yyy"]
    assert found == [both, lone]


def test_highlight_folds_in_line_with_the_original_text() -> None:
    text = "Đăng nhập VNeID bằng mật khẩu; ĐỊNH DANH mức 2."
    assert search.fold_aligned(text) == "dang nhap vneid bang mat khau; dinh danh muc 2."
    assert (
        search.highlight(text, {"dinh", "dang"})
        == "**Đăng** nhập VNeID bằng mật khẩu; **ĐỊNH** DANH mức 2."
    )
