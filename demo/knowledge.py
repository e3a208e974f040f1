"""Demo data: the knowledge base's published articles (demo/knowledge_data.py), the
default synonym list, and a few attachments (demo/knowledge_files.py). Safe to run
again: an article is found by its slug, an attachment by its article and name."""

from __future__ import annotations

from dataclasses import dataclass

from core.actor import Actor
from demo.knowledge_data import ARTICLES
from demo.knowledge_files import demo_files
from knowledge import services
from knowledge.models import Article, ArticleAttachment, ArticleKind, Synonym
from knowledge.services import ArticleData
from network.models import AdminUnit

# The migration seeds these too; repeated here so a database emptied by tests or by hand
# gets them back with the demo.
SYNONYMS = (
    ("dvc", "dich vu cong"),
    ("cds", "chuyen doi so"),
    ("vneid", "dinh danh dien tu"),
    ("tthc", "thu tuc hanh chinh"),
    ("cccd", "can cuoc cong dan"),
    ("cccd", "can cuoc"),
    ("bhyt", "bao hiem y te"),
    ("bhxh", "bao hiem xa hoi"),
    ("ubnd", "uy ban nhan dan"),
    ("tcn", "to cong nghe"),
    ("tcncd", "to cong nghe so cong dong"),
    ("qr", "ma qr"),
    ("otp", "ma xac thuc"),
    ("bdhvs", "binh dan hoc vu so"),
    ("dldn", "du lieu ca nhan"),
    ("nd13", "nghi dinh 13"),
    ("lua dao", "gia mao"),
    ("muc 2", "level 2"),
    ("khong dung tien mat", "thanh toan so"),
)


@dataclass(frozen=True)
class DemoKnowledge:
    articles: int
    created: int
    attached: int = 0


async def seed_synonyms() -> None:
    for term, expansion in SYNONYMS:
        await Synonym.get_or_create(term=term, expansion=expansion)


async def seed_demo_knowledge(actor: Actor, root: AdminUnit) -> DemoKnowledge:
    await seed_synonyms()
    existing = {str(s) for s in await Article.all().values_list("slug", flat=True)}
    created = 0
    for row in ARTICLES:
        if row.slug in existing:
            continue
        article = await services.create_article(
            actor,
            ArticleData(
                title=row.title,
                summary=row.summary,
                body=row.body + "\n\n## English summary\n" + row.english,
                slug=row.slug,
                kind=ArticleKind(row.kind),
                category=row.category,
                tags=list(row.tags),
            ),
        )
        await services.publish(actor, article.id)
        created += 1
    return DemoKnowledge(
        articles=len(ARTICLES), created=created, attached=await seed_demo_attachments(actor)
    )


async def seed_demo_attachments(actor: Actor) -> int:
    """Attach the demo files their articles lack (each save makes a new version)."""
    attached = 0
    for file in demo_files():
        article = await Article.get_or_none(slug=file.slug)
        if article is None:
            continue
        held = ArticleAttachment.filter(article_id=article.id, removed_in_version=None)
        if await held.filter(file_name=file.file_name).exists():
            continue
        upload = await services.upload_attachment(
            actor, file_name=file.file_name, data=file.content
        )
        await services.update_article(actor, article.id, {}, add_attachments=[upload.token])
        attached += 1
    return attached
