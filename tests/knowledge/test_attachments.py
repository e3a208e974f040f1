"""Files attached to articles: uploaded by editors, attached by a save, carried across
versions, listed on ``Article``, downloaded by exactly the article's readers (404 for
anyone else), hostile files refused with translated errors, every step audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import httpx
import pytest

from core.actor import Actor, Role
from core.errors import DomainError, NotFound
from core.models import AuditEvent
from knowledge import attachments, services
from knowledge.models import ArticleAttachment, Audience
from tests.helpers import gql, login, make_user, sign_in
from tests.knowledge.articles import published
from tests.knowledge.test_services import DVC, VNEID

URL = "/uploads/article-attachments"
OCTET = {"content-type": "application/octet-stream"}
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64

ARTICLE = """
query($slug: String!) {
  article(slug: $slug) {
    version attachments { id fileName size contentType url sha256 addedInVersion }
  }
}
"""
VERSIONS = """
query($slug: String!) { articleVersions(slug: $slug) { version attachments { fileName } } }
"""
UPDATE = """
mutation($input: UpdateArticleInput!) {
  updateArticle(input: $input) {
    article { version attachments { id fileName } } errors { field code message }
  }
}
"""
LIST = """
query { articles(first: 50) { edges { node { slug attachments { fileName url } } } } }
"""


async def _upload(
    client: httpx.AsyncClient, data: bytes, name: str = "Danh sách kiểm tra.pdf", **headers: str
) -> httpx.Response:
    return await client.post(
        URL, params={"fileName": name}, content=data, headers={**OCTET, **headers}
    )


async def _attach(system: Actor, article_id: int, *names: str, data: bytes = PDF) -> list[int]:
    tokens = []
    for name in names:
        upload = await services.upload_attachment(system, file_name=name, data=data)
        tokens.append(upload.token)
    await services.update_article(system, article_id, {}, add_attachments=tokens)
    return [a.id for a in await ArticleAttachment.filter(token__in=tokens).order_by("id")]


def _names(rows: Sequence[ArticleAttachment]) -> list[str]:
    return [r.file_name for r in rows]


async def test_a_new_version_keeps_the_attachments_unless_removed(system: Actor) -> None:
    article_id = await published(system, VNEID)  # versions 1 (draft) and 2 (published)
    first, second = await _attach(system, article_id, "a.pdf", "../b.exe")  # version 3
    await services.update_article(system, article_id, {"title": "VNeID mức 2: các bước"})  # 4
    await services.update_article(system, article_id, {}, remove_attachments=[first])  # 5
    rows = (await attachments.ever_of([article_id]))[article_id]
    assert [_names(attachments.carried_by(rows, v)) for v in (2, 3, 4, 5)] == [
        [],
        ["a.pdf", "b.pdf"],
        ["a.pdf", "b.pdf"],
        ["b.pdf"],
    ]
    assert _names((await attachments.current_of([article_id]))[article_id]) == ["b.pdf"]
    actions = await AuditEvent.filter(object_type="ArticleAttachment").values_list(
        "action", "object_id"
    )
    assert sorted(actions) == sorted(
        [("attachment.upload", str(first)), ("attachment.upload", str(second)),
         ("attachment.add", str(first)), ("attachment.add", str(second)),
         ("attachment.remove", str(first))]
    )  # fmt: skip


async def test_uploads_are_claimed_once_by_their_uploader_and_counted(system: Actor) -> None:
    article_id = (await services.create_article(system, DVC)).id
    other = await make_user(system, "other", Role.PROVINCE_ADMIN, "96")
    theirs = await services.upload_attachment(
        replace(system, user_id=other.id), file_name="x", data=PDF
    )
    for token in (theirs.token, "no-such-upload"):
        with pytest.raises(NotFound) as refused:
            await services.update_article(system, article_id, {}, add_attachments=[token])
        assert refused.value.code == "ARTICLE_ATTACHMENT_NOT_FOUND"
    names = [f"{i}.png" for i in range(attachments.MAX_ATTACHMENTS)]
    await _attach(system, article_id, *names, data=PNG)
    extra = await services.upload_attachment(system, file_name="one-more.pdf", data=PDF)
    with pytest.raises(DomainError) as too_many:
        await services.update_article(system, article_id, {}, add_attachments=[extra.token])
    assert too_many.value.code == "TOO_MANY_ARTICLE_ATTACHMENTS"
    assert too_many.value.params == {"max": attachments.MAX_ATTACHMENTS}


async def test_editors_upload_through_the_route_others_are_refused(
    client: httpx.AsyncClient, system: Actor
) -> None:
    response = await _upload(client, PDF)
    assert response.status_code == 401
    await sign_in(client, system, "field", Role.FIELD_STAFF, "96")
    assert (await _upload(client, PDF)).json()["errors"][0]["code"] == "FORBIDDEN"
    await sign_in(client, system, "editor", Role.UNIT_MANAGER, "96")
    made = await _upload(client, PDF)
    assert made.status_code == 201
    assert made.json()["fileName"] == "Danh sách kiểm tra.pdf"
    assert made.json()["contentType"] == "application/pdf"
    refused = await _upload(client, EXE, "setup.pdf", **{"accept-language": "en"})
    assert refused.status_code == 415
    assert refused.json()["errors"][0]["code"] == "UNSUPPORTED_ARTICLE_ATTACHMENT_TYPE"
    assert refused.json()["errors"][0]["message"].startswith("Only PDF files")
    vi = await _upload(client, EXE, "setup.pdf")
    assert vi.json()["errors"][0]["message"].startswith("Chỉ đính kèm")
    big = await _upload(client, b"%PDF-" + b"0" * attachments.MAX_ATTACHMENT_BYTES)
    assert big.status_code == 413 and big.json()["errors"][0]["code"] == "FILE_TOO_LARGE"


async def _readers(client: httpx.AsyncClient, system: Actor) -> None:
    await make_user(system, "editor", Role.UNIT_MANAGER, "96")
    await make_user(system, "staff_in", Role.FIELD_STAFF, "31825")
    await make_user(system, "staff_out", Role.FIELD_STAFF, "31843")


async def _status(client: httpx.AsyncClient, who: str | None, url: str) -> int:
    client.cookies.clear()
    if who:
        await login(client, who)
    return (await client.get(url)).status_code


@pytest.mark.parametrize(
    ("audience", "published", "expected"),
    [
        # anonymous, staff in the unit's subtree, staff elsewhere, the article's editor
        (Audience.PUBLIC, True, (200, 200, 200, 200)),
        (Audience.STAFF, True, (404, 200, 200, 200)),
        (Audience.UNIT, True, (404, 200, 404, 200)),
        (Audience.PUBLIC, False, (404, 404, 404, 200)),  # a draft: its editors only
    ],
)
async def test_downloads_follow_the_articles_audience(
    client: httpx.AsyncClient,
    system: Actor,
    audience: Audience,
    published: bool,
    expected: tuple[int, ...],
) -> None:
    await _readers(client, system)
    data = services.ArticleData(
        **{**VNEID.__dict__, "audience": audience, "audience_unit_code": "31825"}
    )
    article = await services.create_article(system, data)
    if published:
        await services.publish(system, article.id)
    [attachment_id] = await _attach(system, article.id, "checklist.pdf")
    url = f"{URL}/{attachment_id}"
    got = tuple(
        [await _status(client, who, url) for who in (None, "staff_in", "staff_out", "editor")]
    )
    assert got == expected
    response = await client.get(url)  # the editor's
    assert response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in response.headers["content-security-policy"]
    again = await client.get(url, headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304


async def test_removed_attachments_are_for_editors_only(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await _readers(client, system)
    article_id = await published(system, DVC)
    [gone] = await _attach(system, article_id, "cu.png", data=PNG)
    await services.update_article(system, article_id, {}, remove_attachments=[gone])
    assert await _status(client, None, f"{URL}/{gone}") == 404
    assert await _status(client, "editor", f"{URL}/{gone}") == 200
    assert await _status(client, None, f"{URL}/999999") == 404


async def test_article_lists_its_attachments_and_versions_keep_theirs(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "editor", Role.PROVINCE_ADMIN, "96")
    article_id = await published(system, VNEID)
    slug = (await services.get(system, article_id)).slug  # type: ignore[union-attr]
    upload = (await _upload(client, PNG, "ảnh chụp.png")).json()
    body = await gql(
        client, UPDATE, {"input": {"id": _gid(article_id), "addAttachments": [upload["uploadId"]]}}
    )
    payload = body["data"]["updateArticle"]
    assert payload["errors"] == [] and payload["article"]["version"] == 3
    [listed] = payload["article"]["attachments"]
    assert listed["fileName"] == "ảnh chụp.png"
    read = (await gql(client, ARTICLE, {"slug": slug}))["data"]["article"]
    [attachment] = read["attachments"]
    assert attachment == {
        "id": listed["id"],
        "fileName": "ảnh chụp.png",
        "size": len(PNG),
        "contentType": "image/png",
        "url": attachment["url"],
        "sha256": upload["sha256"],
        "addedInVersion": 3,
    }
    shown = await client.get(attachment["url"])
    assert shown.headers["content-disposition"].startswith("inline;")
    saved = await client.get(attachment["url"] + "?download=1")
    assert saved.headers["content-disposition"].startswith("attachment;")
    removed = await gql(
        client, UPDATE, {"input": {"id": _gid(article_id), "removeAttachments": [listed["id"]]}}
    )
    assert removed["data"]["updateArticle"]["article"]["attachments"] == []
    again = await gql(
        client, UPDATE, {"input": {"id": _gid(article_id), "removeAttachments": [listed["id"]]}}
    )
    error = again["data"]["updateArticle"]["errors"][0]
    assert error["code"] == "ARTICLE_ATTACHMENT_NOT_FOUND" and error["field"] == "removeAttachments"
    versions = (await gql(client, VERSIONS, {"slug": slug}))["data"]["articleVersions"]
    assert [(v["version"], [a["fileName"] for a in v["attachments"]]) for v in versions] == [
        (4, []),
        (3, ["ảnh chụp.png"]),
        (2, []),
        (1, []),
    ]


async def test_article_list_loads_attachments_in_one_query(
    client: httpx.AsyncClient, system: Actor, count_queries: Any
) -> None:
    counts = []
    for n in (2, 6):
        for i in range(n):
            data = services.ArticleData(**{**DVC.__dict__, "slug": f"dvc-{n}-{i}"})
            article_id = await published(system, data)
            await _attach(system, article_id, f"{i}.pdf")
        count_queries.queries.clear()
        body = await gql(client, LIST)
        edges = body["data"]["articles"]["edges"]
        assert all(len(e["node"]["attachments"]) == 1 for e in edges)
        counts.append(len(count_queries))
    assert counts[0] == counts[1], counts


def _gid(pk: int) -> str:
    import base64

    return base64.b64encode(f"Article:{pk}".encode()).decode()
