"""The knowledge base on the database: workflow and versions, audience, full-text search
by any spelling (tones, đ/d, abbreviations, prefixes), injection-like input, the assistant."""

from __future__ import annotations

import pytest

from core.actor import Actor, ApiScope, Role
from core.errors import DomainError, PermissionDenied
from core.models import AuditEvent
from knowledge import assistant, services
from knowledge.models import (
    ArticleStatus,
    ArticleVersion,
    AskedQuestion,
    Audience,
    KnowledgePassage,
    Synonym,
)
from knowledge.services import ArticleData
from network.models import AdminUnit
from tests.knowledge.articles import published

VNEID = ArticleData(
    title="Nâng cấp tài khoản định danh điện tử lên mức độ 2",
    summary="Công dân đến công an cấp xã để được cấp tài khoản định danh mức độ 2.",
    body="# Điều kiện\nCông dân có thẻ căn cước gắn chip. Mang điện thoại có số thuê bao chính chủ.\n"
    "# Các bước\nĐến công an cấp xã nơi cư trú. Cán bộ thu nhận ảnh chân dung và vân tay. "
    "Sau khi được phê duyệt, tin nhắn kích hoạt được gửi về điện thoại. Mở ứng dụng VNeID để kích hoạt.",
    category="vneid",
    tags=["vneid", "định danh"],
)
DVC = ArticleData(
    title="Nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
    summary="Đăng nhập dichvucong.gov.vn bằng tài khoản định danh điện tử để nộp hồ sơ.",
    body="Truy cập dichvucong.gov.vn. Chọn thủ tục cần làm. Điền tờ khai và nộp lệ phí trực tuyến.",
    category="dich-vu-cong",
)


async def _seed_synonyms() -> None:
    await Synonym.get_or_create(term="dvc", expansion="dich vu cong")
    await Synonym.get_or_create(term="vneid", expansion="dinh danh dien tu")


async def test_workflow_keeps_every_version_and_audits(system: Actor) -> None:
    article = await services.create_article(system, VNEID)
    assert article.slug == "nang-cap-tai-khoan-dinh-danh-dien-tu-len-muc-do-2"
    await services.submit_for_review(system, article.id)
    await services.update_article(system, article.id, {"summary": "Mới."})
    await services.publish(system, article.id)
    with pytest.raises(DomainError) as error:
        await services.submit_for_review(system, article.id)
    assert error.value.code == "ILLEGAL_ARTICLE_TRANSITION"
    await services.archive(system, article.id)
    assert await ArticleVersion.filter(article_id=article.id).count() == 5
    assert await KnowledgePassage.filter(article_id=article.id).count() == 0
    actions = await AuditEvent.filter(object_type="Article").values_list("action", flat=True)
    assert sorted(actions) == ["archive", "create", "publish", "submit", "update"]


async def test_duplicate_slug_and_non_editor(system: Actor, tree: AdminUnit) -> None:
    await services.create_article(system, VNEID)
    with pytest.raises(DomainError) as error:
        await services.create_article(system, VNEID)
    assert error.value.errors[0].code == "DUPLICATE_SLUG"  # type: ignore[attr-defined]
    staff = Actor(kind="user", roles=frozenset({Role.FIELD_STAFF}), scope_path=tree.path)
    with pytest.raises(PermissionDenied):
        await services.create_article(staff, DVC)


async def test_editors_list_the_articles_they_may_edit_in_every_status(
    system: Actor, tree: AdminUnit
) -> None:
    commune = await AdminUnit.get(code="31825")
    other = await AdminUnit.get(code="31843")
    manager = Actor(kind="user", roles=frozenset({Role.UNIT_MANAGER}), scope_path=commune.path)
    elsewhere = Actor(kind="user", roles=frozenset({Role.UNIT_MANAGER}), scope_path=other.path)
    staff = Actor(kind="user", roles=frozenset({Role.FIELD_STAFF}), scope_path=commune.path)
    province_draft = await services.create_article(system, DVC)
    draft = await services.create_article(manager, VNEID)
    live = await published(manager, ArticleData(title="Mã QR an toàn", body="Kiểm tra."))

    mine = [a.id async for a in services.editable(manager)]
    drafts = [a.id for a in await services.editable(manager, status=ArticleStatus.DRAFT)]

    assert sorted(mine) == sorted([draft.id, live])
    assert drafts == [draft.id]
    assert province_draft.id in [a.id for a in await services.editable(system)]
    assert await services.editable(elsewhere).count() == 0
    with pytest.raises(PermissionDenied):
        services.editable(staff)


@pytest.mark.parametrize(
    "query",
    [
        "định danh mức 2",
        "dinh danh muc 2",
        "DINH DANH",
        "đinh",
        "dinh da",
        "vneid",
        "nâng cấp tài khoản",
    ],
)
async def test_search_by_any_spelling(system: Actor, query: str) -> None:
    await _seed_synonyms()
    vneid = await published(system, VNEID)
    await published(system, DVC)
    found = await services.search_articles(Actor.anonymous(), query)
    assert found and found[0].article.id == vneid, query


async def test_synonyms_expand_both_ways(system: Actor) -> None:
    await _seed_synonyms()
    dvc = await published(system, DVC)
    found = await services.search_articles(Actor.anonymous(), "nop ho so DVC")
    assert found[0].article.id == dvc
    assert "**" in found[0].highlighted


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        '" OR 1=1 --',
        "NEAR(dinh danh)",
        "'; DROP TABLE knowledge_article; --",
        "",
        "AND",
        "x" * 5000,
        "dinh^2 {title}: -body",
    ],
)
async def test_injection_like_queries_are_plain_text(system: Actor, query: str) -> None:
    await published(system, VNEID)
    await services.search_articles(Actor.anonymous(), query)  # never raises
    await assistant.ask(Actor.anonymous(), query[:400])


async def test_audience_in_search_and_reading(system: Actor, tree: AdminUnit) -> None:
    commune = await AdminUnit.exclude(id=tree.id).first()
    assert commune is not None
    other = await AdminUnit.exclude(id=tree.id).exclude(id=commune.id).first()
    assert other is not None
    staff_only = await published(
        system, ArticleData(**{**VNEID.__dict__, "audience": Audience.STAFF})
    )
    unit_only = await published(
        system,
        ArticleData(
            **{**DVC.__dict__, "audience": Audience.UNIT, "audience_unit_code": commune.code}
        ),
    )
    anonymous = await services.search_articles(Actor.anonymous(), "dinh danh dich vu cong")
    assert anonymous == []
    inside = Actor(kind="user", roles=frozenset({Role.FIELD_STAFF}), scope_path=commune.path)
    outside = Actor(kind="user", roles=frozenset({Role.FIELD_STAFF}), scope_path=other.path)
    ids_in = {
        f.article.id for f in await services.search_articles(inside, "dinh danh dich vu cong")
    }
    ids_out = {
        f.article.id for f in await services.search_articles(outside, "dinh danh dich vu cong")
    }
    assert ids_in == {staff_only, unit_only}
    assert ids_out == {staff_only}
    article = await services.get_by_slug(outside, "nop-ho-so-tren-cong-dich-vu-cong-quoc-gia")
    assert article is None
    answer = await assistant.ask(outside, "nộp hồ sơ dịch vụ công")
    assert all(c.article.id != unit_only for c in answer.citations)
    key = Actor(kind="api_key", scope_path=tree.path)
    with pytest.raises(PermissionDenied):
        await services.search_articles(key, "dinh danh")
    key = Actor(
        kind="api_key", scope_path=tree.path, api_scopes=frozenset({ApiScope.READ_KNOWLEDGE})
    )
    assert await services.search_articles(key, "dinh danh") == []  # staff only
    assert await services.search_articles(key, "dich vu cong") == []  # a unit's


async def test_assistant_answers_with_citations_or_says_so(system: Actor) -> None:
    await _seed_synonyms()
    vneid = await published(system, VNEID)
    answer = await assistant.ask(Actor.anonymous(), "lam sao kich hoat dinh danh muc 2?")
    assert answer.answered
    assert answer.citations[0].article.id == vneid
    assert answer.text.startswith(answer.citations[0].text)
    nothing = await assistant.ask(Actor.anonymous(), "giá lúa hôm nay, gọi 0912345678")
    assert not nothing.answered and nothing.citations == []
    kept = await AskedQuestion.get(answered=False)
    assert "0912345678" not in kept.question
    with pytest.raises(PermissionDenied):
        await assistant.unanswered(Actor.anonymous())
    assert [q.question for q in await assistant.unanswered(system)] == [kept.question]


async def test_rating_and_views(system: Actor) -> None:
    vneid = await published(system, VNEID)
    await services.rate(Actor.anonymous(), vneid, helpful=True)
    rated = await services.rate(Actor.anonymous(), vneid, helpful=False)
    assert (rated.helpful_yes, rated.helpful_no) == (1, 1)
    article = await services.get_by_slug(Actor.anonymous(), rated.slug)
    assert article is not None


async def test_the_province_office_keeps_the_synonym_list(system: Actor, tree: AdminUnit) -> None:
    commune = await AdminUnit.get(code="31825")
    manager = Actor(kind="user", roles=frozenset({Role.UNIT_MANAGER}), scope_path=commune.path)
    admin = Actor(kind="user", roles=frozenset({Role.PROVINCE_ADMIN}), scope_path=tree.path)
    await published(system, DVC)

    added = await services.add_synonym(admin, "  HCC ", "Hành chính công")
    found = await services.search_articles(Actor.anonymous(), "hcc")
    with pytest.raises(PermissionDenied):
        await services.add_synonym(manager, "abc", "a b c")
    with pytest.raises(DomainError) as bad:
        await services.add_synonym(admin, "Đ", "d")
    listed = [(r.term, r.expansion) for r in await services.synonym_rows(manager)]
    await services.remove_synonym(admin, added.id)
    with pytest.raises(DomainError) as gone:
        await services.remove_synonym(admin, added.id)

    assert (added.term, added.expansion) == ("hcc", "hanh chinh cong")
    assert listed == [("hcc", "hanh chinh cong")]
    assert [f.article.category for f in found] == []  # DVC's text says "dịch vụ công"
    assert [(e.field, e.code) for e in bad.value.errors] == [  # type: ignore[attr-defined]
        ("expansion", "SAME_SPELLING")
    ]
    assert gone.value.code == "SYNONYM_NOT_FOUND"
    actions = await AuditEvent.filter(object_type="Synonym").values_list("action", flat=True)
    assert sorted(actions) == ["create", "delete"]


async def test_browsing_most_read_first(system: Actor) -> None:
    vneid = await published(system, VNEID)
    dvc = await published(system, DVC)
    for _ in range(3):
        await services.get_by_slug(Actor.anonymous(), (await services.get(system, dvc)).slug)

    recent = [a.id for a in await services.browse(Actor.anonymous())]
    most_read = [a.id for a in await services.browse(Actor.anonymous(), order="MOST_READ")]

    assert most_read == [dvc, vneid]
    assert sorted(recent) == sorted([vneid, dvc])
