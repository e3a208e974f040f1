"""The knowledge base over GraphQL: the editor's workflow with payload errors in the
caller's language, audience and partner scope, injection-like searches, constant query
counts for the list, the assistant."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from accounts import services as accounts
from core.actor import Actor, Role
from knowledge import services
from knowledge.models import Article, Audience
from tests.helpers import gql, sign_in
from tests.knowledge.articles import published
from tests.knowledge.test_services import DVC, VNEID, _seed_synonyms

CREATE = """
mutation($input: CreateArticleInput!) {
  createArticle(input: $input) { article { id slug status version } errors { field code message } }
}
"""
PUBLISH = """
mutation($input: ArticleIdInput!) {
  publishArticle(input: $input) { article { status version } errors { field code message } }
}
"""
ARTICLES = """
query($q: String, $first: Int) {
  articles(search: $q, first: $first) {
    edges { node { slug title snippet audience } cursor }
    pageInfo { hasNextPage endCursor }
  }
}
"""
ASK = """
mutation($input: AskAssistantInput!) {
  askAssistant(input: $input) {
    answer { answered answer message citations { article { slug } passageId text } suggestions { slug } }
    errors { code }
  }
}
"""


async def test_editor_creates_and_publishes_with_translated_errors(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "editor", Role.UNIT_MANAGER, "96")
    made = await gql(client, CREATE, {"input": {"title": "VNeID mức 2", "body": "Đến công an xã."}})
    article = made["data"]["createArticle"]["article"]
    assert article["status"] == "DRAFT" and article["slug"] == "vneid-muc-2"
    again = await gql(client, CREATE, {"input": {"title": "VNeID mức 2"}})
    error = again["data"]["createArticle"]["errors"][0]
    assert error["code"] == "DUPLICATE_SLUG" and "vneid-muc-2" in error["message"]
    english = await gql(
        client, CREATE, {"input": {"title": "VNeID mức 2"}}, headers={"accept-language": "en"}
    )
    assert english["data"]["createArticle"]["errors"][0]["message"].startswith("The address")
    done = await gql(client, PUBLISH, {"input": {"id": article["id"]}})
    assert done["data"]["publishArticle"]["article"] == {"status": "PUBLISHED", "version": 2}
    again = await gql(client, PUBLISH, {"input": {"id": article["id"]}})
    assert again["data"]["publishArticle"]["errors"][0]["code"] == "ILLEGAL_ARTICLE_TRANSITION"


async def test_field_staff_and_visitors_cannot_write(
    client: httpx.AsyncClient, system: Actor
) -> None:
    """Writing is declared for editors on the field, like every domain: refusals are
    GraphQL errors with a code, and nothing is created."""
    body = await gql(client, CREATE, {"input": {"title": "Không được"}})
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    await sign_in(client, system, "field", Role.FIELD_STAFF, "96")
    body = await gql(client, CREATE, {"input": {"title": "Không được"}})
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    assert not await Article.exists()


async def test_visitors_see_public_articles_only_and_keys_need_the_scope(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await published(system, VNEID)
    await published(system, ServicesData.staff(DVC))
    seen = await gql(client, ARTICLES, {"q": "dinh danh dich vu cong"})
    slugs = [e["node"]["slug"] for e in seen["data"]["articles"]["edges"]]
    assert slugs == ["nang-cap-tai-khoan-dinh-danh-dien-tu-len-muc-do-2"]
    browse = await gql(client, ARTICLES, {})
    assert len(browse["data"]["articles"]["edges"]) == 1
    _, bad_key = await accounts.create_api_key(system, name="Bank", scopes=["read:network"])
    _, good_key = await accounts.create_api_key(system, name="Gov", scopes=["read:knowledge"])
    refused = await gql(
        client, ARTICLES, {"q": "dinh"}, headers={"authorization": f"Bearer {bad_key}"}
    )
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    allowed = await gql(
        client,
        ARTICLES,
        {"q": "dinh danh dich vu cong"},
        headers={"authorization": f"Bearer {good_key}"},
    )
    assert len(allowed["data"]["articles"]["edges"]) == 1  # public ones, as a visitor


class ServicesData:
    @staticmethod
    def staff(data: services.ArticleData) -> services.ArticleData:
        return services.ArticleData(**{**data.__dict__, "audience": Audience.STAFF})


@pytest.mark.parametrize("q", ['"', "dinh*", "NEAR(a b)", "1' OR '1'='1", "-- ;", "🙂"])
async def test_injection_like_searches_answer_data(
    client: httpx.AsyncClient, system: Actor, q: str
) -> None:
    await published(system, VNEID)
    body = await gql(client, ARTICLES, {"q": q})
    assert "errors" not in body, body


async def test_search_list_costs_fixed_queries(
    client: httpx.AsyncClient, system: Actor, count_queries: Any
) -> None:
    await _seed_synonyms()
    counts = []
    for n in (3, 8):  # both above MIN_STRICT (fewer adds at most two fallback queries)
        for i in range(n):
            await published(
                system, services.ArticleData(**{**VNEID.__dict__, "slug": f"vneid-{n}-{i}"})
            )
        count_queries.queries.clear()
        body = await gql(client, ARTICLES, {"q": "định danh", "first": 20})
        assert "**" in body["data"]["articles"]["edges"][0]["node"]["snippet"]
        counts.append(len(count_queries))
    assert counts[0] == counts[1] == 4, counts  # synonyms, hits, articles, passages


async def test_ask_assistant_cites_or_suggests(client: httpx.AsyncClient, system: Actor) -> None:
    await _seed_synonyms()
    await published(system, VNEID)
    body = await gql(client, ASK, {"input": {"question": "kich hoat tai khoan dinh danh muc 2"}})
    answer = body["data"]["askAssistant"]["answer"]
    assert answer["answered"] and answer["citations"]
    assert answer["citations"][0]["article"]["slug"].startswith("nang-cap")
    body = await gql(client, ASK, {"input": {"question": "cách trồng lúa"}})
    answer = body["data"]["askAssistant"]["answer"]
    assert not answer["answered"] and answer["citations"] == []
    assert answer["message"].startswith("Chưa tìm thấy")
    long = await gql(client, ASK, {"input": {"question": "x" * 600}})
    assert long["data"]["askAssistant"]["errors"][0]["code"] == "QUESTION_TOO_LONG"


async def test_a_unit_article_names_its_unit_so_a_save_keeps_it(
    client: httpx.AsyncClient, system: Actor
) -> None:
    """The editor sends every field back on save: the unit must come with the article,
    or saving a UNIT article would hand it to the editor's own (wider) unit."""
    data = services.ArticleData(
        **{**DVC.__dict__, "audience": Audience.UNIT, "audience_unit_code": "31825"}
    )
    article = await services.create_article(system, data)
    await sign_in(client, system, "editor", Role.PROVINCE_ADMIN, "96")
    body = await gql(
        client,
        "query($s: String!) { article(slug: $s) { audience audienceUnitCode } }",
        {"s": article.slug},
    )
    assert body["data"]["article"] == {"audience": "UNIT", "audienceUnitCode": "31825"}
