"""The knowledge base's demo: at least 30 published articles, each found by its own title
without tone marks, a few with attachments anyone may download; safe to run twice."""

from __future__ import annotations

import re

from core.actor import Actor
from core.text import fold
from demo.knowledge import seed_demo_knowledge
from demo.knowledge_data import ARTICLES
from demo.knowledge_files import checklist_pdf, demo_files
from knowledge import services
from knowledge.models import Article, ArticleAttachment, ArticleStatus
from network.models import AdminUnit


async def test_demo_articles_are_published_and_found(system: Actor, tree: AdminUnit) -> None:
    first = await seed_demo_knowledge(system, tree)
    again = await seed_demo_knowledge(system, tree)
    assert first.created == len(ARTICLES) >= 30 and again.created == 0
    assert first.attached == len(demo_files()) >= 3 and again.attached == 0
    kinds = set()
    for attachment in await ArticleAttachment.all():
        _, data = await services.attachment_for_download(Actor.anonymous(), attachment.id)
        kinds.add(attachment.content_type)
        assert data and attachment.size == len(data)
    assert kinds == {"application/pdf", "image/png"}
    assert await Article.filter(status=ArticleStatus.PUBLISHED).count() == len(ARTICLES)
    for row in ARTICLES:
        found = await services.search_articles(Actor.anonymous(), fold(row.title), limit=3)
        assert row.slug in [f.article.slug for f in found], row.title


def test_the_checklist_pdf_is_well_formed() -> None:
    """Every cross-reference offset points at its object, and startxref at the table."""
    pdf = checklist_pdf("Đăng ký (mức 2)", ["Thẻ căn cước", "Điện thoại chính chủ"], "Ghi chú")
    assert pdf.startswith(b"%PDF-1.4") and pdf.endswith(b"%%EOF\n")
    start = int(re.findall(rb"startxref\n(\d+)", pdf)[-1])
    assert pdf[start:].startswith(b"xref\n")
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n", pdf)]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(b"%d 0 obj" % number)
    assert b"(Dang ky \\(muc 2\\)) Tj" in pdf  # no tone marks, parentheses escaped
