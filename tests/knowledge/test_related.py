"""Links between articles: ``[text](#/kb/<slug>)`` in a body makes ``Article.related``,
only the articles the reader may read, in the body's order, one query for a whole page."""

from __future__ import annotations

from typing import Any

import httpx

from core.actor import Actor, Role
from knowledge import search, services
from knowledge.models import Audience
from knowledge.services import ArticleData
from network.models import AdminUnit
from tests.helpers import gql, sign_in

RELATED = """
query($q: String, $first: Int) {
  articles(search: $q, first: $first) { edges { node { slug related { slug title } } } }
}
"""
ONE = "query($slug: String!) { article(slug: $slug) { slug related { slug } } }"


async def _article(
    system: Actor, slug: str, body: str = "Nội dung.", *, publish: bool = True, **more: Any
) -> int:
    data = ArticleData(title=f"Bài {slug}", slug=slug, body=body, **more)
    article = await services.create_article(system, data)
    if publish:
        await services.publish(system, article.id)
    return article.id


HUB_BODY = (
    "Xem [bài công khai](#/kb/cong-khai), [bài cán bộ](#/kb/can-bo), "
    "[bài của xã](#/kb/cua-xa), [bản nháp](#/kb/ban-nhap), [không có](#/kb/khong-co), "
    "[chính nó](#/kb/trung-tam), [lại bài công khai](#/kb/cong-khai) và "
    "[trang ngoài](https://example.com/#/kb/cong-khai)."
)


async def _hub(system: Actor) -> None:
    await _article(system, "cong-khai")
    await _article(system, "can-bo", audience=Audience.STAFF)
    await _article(system, "cua-xa", audience=Audience.UNIT, audience_unit_code="31825")
    await _article(system, "ban-nhap", publish=False)
    await _article(system, "trung-tam", HUB_BODY)


async def test_related_are_the_linked_articles_the_reader_may_read(
    system: Actor, tree: AdminUnit
) -> None:
    await _hub(system)
    commune, other = await AdminUnit.get(code="31825"), await AdminUnit.get(code="31843")
    inside = Actor(kind="user", roles=frozenset({Role.FIELD_STAFF}), scope_path=commune.path)
    outside = Actor(kind="user", roles=frozenset({Role.FIELD_STAFF}), scope_path=other.path)
    hub = await services.get_by_slug(system, "trung-tam", count_view=False)
    assert hub is not None

    def slugs(found: list[list[Any]]) -> list[str]:
        return [a.slug for a in found[0]]

    pair = [(hub.id, hub.body)]
    assert slugs(await services.related_articles(Actor.anonymous(), pair)) == ["cong-khai"]
    assert slugs(await services.related_articles(outside, pair)) == ["cong-khai", "can-bo"]
    assert slugs(await services.related_articles(inside, pair)) == [
        "cong-khai",
        "can-bo",
        "cua-xa",
    ]
    assert services.linked_slugs("[a](#/kb/x) [b](#/kb/Bad_Slug) [c](#/kb/y-2)") == ["x", "y-2"]


async def test_related_over_graphql_respects_the_audience(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await _hub(system)

    anonymous = await gql(client, ONE, {"slug": "trung-tam"})
    await sign_in(client, system, "canbo.xa", Role.FIELD_STAFF, "31825")
    staff = await gql(client, ONE, {"slug": "trung-tam"})

    assert anonymous["data"]["article"]["related"] == [{"slug": "cong-khai"}]
    assert staff["data"]["article"]["related"] == [
        {"slug": "cong-khai"},
        {"slug": "can-bo"},
        {"slug": "cua-xa"},
    ]


async def test_related_of_a_page_cost_one_query(
    client: httpx.AsyncClient, system: Actor, count_queries: Any
) -> None:
    await _article(system, "cong-khai")
    counts = []
    for n in (3, 8):
        for i in range(n):
            body = f"Định danh điện tử. Xem [bài](#/kb/cong-khai) và [khác](#/kb/lien-ket-{n}-0)."
            await _article(system, f"lien-ket-{n}-{i}", body)
        count_queries.queries.clear()
        body = await gql(client, RELATED, {"q": "định danh", "first": 20})
        nodes = [e["node"] for e in body["data"]["articles"]["edges"]]
        assert len(nodes) == (3 if n == 3 else 3 + 8)
        assert all(node["related"][0]["slug"] == "cong-khai" for node in nodes)
        counts.append(len(count_queries))
    # synonyms, hits, articles, passages, and one for every article's related articles
    assert counts[0] == counts[1] == 5, counts


def test_a_link_to_an_article_is_indexed_by_its_text_not_its_address() -> None:
    passages = search.split_passages("Mục lục", "", "Xem [cách kích hoạt](#/kb/vneid-muc-2).")
    assert passages[1] == "Xem cách kích hoạt."


async def test_a_partner_enterprise_reads_only_what_the_public_reads(
    system: Actor, tree: AdminUnit
) -> None:
    """Staff of a partner enterprise (PARTNER, no admin-unit scope) are not the network's
    staff: STAFF and UNIT articles stay hidden from them, in lists, links and search."""
    await _hub(system)
    partner = Actor(kind="user", roles=frozenset({Role.PARTNER}))
    committee = Actor(kind="user", roles=frozenset({Role.COMMITTEE_MEMBER}), scope_path="/96/")
    hub = await services.get_by_slug(system, "trung-tam", count_view=False)
    assert hub is not None
    pair = [(hub.id, hub.body)]

    [linked] = await services.related_articles(partner, pair)
    assert [a.slug for a in linked] == ["cong-khai"]
    assert await services.get_by_slug(partner, "can-bo", count_view=False) is None
    found = await services.search_articles(partner, "Bài")
    assert "cong-khai" in {f.article.slug for f in found}
    assert {f.article.slug for f in found} <= {"cong-khai", "trung-tam"}
    assert "can-bo" in {f.article.slug for f in await services.search_articles(committee, "Bài")}
