"""The authorization matrix of the HTTP routes beside GraphQL that read or write a
domain's objects by id: one row per route and object, the status every caller gets.

A download answers exactly as the object's GraphQL read does: whoever may not read it
gets 404 (never 403, so an id says nothing about what exists).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, replace

import pytest

from core.actor import Actor
from knowledge import services
from knowledge.models import Audience
from network.models import AdminUnit
from tests.conftest import PROVINCE
from tests.security.conftest import CALLERS, World
from tests.security.matrix import SCOPE_KEYS

pytestmark = pytest.mark.db

PDF = b"%PDF-1.4\n%%EOF\n"


def statuses(default: int, **per_caller: int) -> dict[str, int]:
    return {caller: per_caller.get(caller, default) for caller in CALLERS}


EDITOR_UPLOAD = statuses(
    403, anonymous=401, admin=201, manager_in=201, manager_out=201
)  # signed-in editors only; partner keys never write
PUBLIC_READ = statuses(
    200, key_unscoped=404, **{k: 404 for k in SCOPE_KEYS if k != "key_knowledge"}
)
UNIT_READ = statuses(
    404, admin=200, manager_in=200, field=200, committee=200
)  # the unit's subtree (and the editors above it); never the public or partners
DRAFT_READ = statuses(404, admin=200, manager_in=200)  # its editors only


@dataclass(frozen=True)
class Attachments:
    public: int
    unit: int
    draft: int


@pytest.fixture(scope="module")
async def attached(world: World) -> AsyncIterator[Attachments]:
    tree = await AdminUnit.get(code=str(PROVINCE))
    home = await AdminUnit.get(code=world.home)
    system = Actor.system(tree.path, tree.code)
    in_home = replace(system, scope_path=home.path, scope_code=home.code)
    ids = []
    for actor, audience, published in (
        (system, Audience.PUBLIC, True),
        (system, Audience.UNIT, True),
        (in_home, Audience.PUBLIC, False),
    ):
        data = services.ArticleData(
            title=f"Bài có tệp {audience} {published}",
            audience=audience,
            audience_unit_code=world.home,
        )
        article = await services.create_article(actor, data)
        if published:
            await services.publish(actor, article.id)
        upload = await services.upload_attachment(actor, file_name="a.pdf", data=PDF)
        await services.update_article(actor, article.id, {}, add_attachments=[upload.token])
        ids.append(upload.id)
    yield Attachments(*ids)


@pytest.mark.parametrize("caller", CALLERS)
async def test_article_attachment_routes(world: World, attached: Attachments, caller: str) -> None:
    client = world.clients[caller]
    upload = await client.post(
        "/uploads/article-attachments?fileName=a.pdf",
        content=PDF,
        headers={"content-type": "application/octet-stream"},
    )
    assert upload.status_code == EDITOR_UPLOAD[caller], upload.text[:200]
    for which, expected in (
        ("public", PUBLIC_READ),
        ("unit", UNIT_READ),
        ("draft", DRAFT_READ),
    ):
        url = f"/uploads/article-attachments/{getattr(attached, which)}"
        response = await client.get(url)
        assert response.status_code == expected[caller], (which, response.text[:200])
        if response.status_code == 404:
            assert response.json()["errors"][0]["code"] == "ARTICLE_ATTACHMENT_NOT_FOUND"


# Survey media answers (decision 0038): the upload is for field roles of the response's
# area; the download for whoever may export the survey's responses (editors in scope,
# keys holding read:surveys and read:pii). A probe upload sends bytes that are not the
# answer: a caller past authorization gets 409 PHOTO_NOT_EXPECTED, and nothing is stored.
MEDIA_UPLOAD = statuses(
    403, anonymous=404, admin=409, manager_in=409, manager_out=404, field=409
)  # a visitor may attach only to a public response of its own: 404 here
MEDIA_READ = statuses(
    403, anonymous=401, admin=200, manager_in=200, manager_out=404, key_scoped=200
)


@dataclass(frozen=True)
class Media:
    client_id: str
    sha256: str


@pytest.fixture(scope="module")
async def stored_media(world: World) -> Media:
    import hashlib
    from uuid import uuid4

    from surveys import photos
    from surveys import services as surveys
    from surveys.sync import ResponseData, sync_responses
    from tests.surveys.survey_data import NOW

    tree = await AdminUnit.get(code=str(PROVINCE))
    system = Actor.system(tree.path, tree.code)
    definition = {
        "pages": [
            {"key": "p", "questions": [{"key": "scan", "kind": "FILE", "labelVi": "Bản quét"}]}
        ]
    }
    survey = await surveys.create(
        system,
        data=surveys.SurveyData(
            title="Tệp ma trận", admin_unit_code=world.home, definition=definition
        ),
    )
    await surveys.publish(system, survey_id=survey.id)
    client_id = str(uuid4())
    item = ResponseData(
        client_id=client_id,
        survey_id=survey.id,
        version=1,
        answers={"scan": hashlib.sha256(PDF).hexdigest()},
        collected_at=NOW,
        admin_unit_code=world.home,
    )
    await sync_responses(system, items=[item])
    await photos.store(system, client_id=client_id, question_key="scan", data=PDF)
    return Media(client_id, hashlib.sha256(PDF).hexdigest())


@pytest.mark.parametrize("caller", CALLERS)
async def test_survey_media_routes(world: World, stored_media: Media, caller: str) -> None:
    client = world.clients[caller]
    upload = await client.post(
        f"/uploads/survey-photos/{stored_media.client_id}/scan",
        content=PDF + b"%other",
        headers={"content-type": "application/octet-stream"},
    )
    download = await client.get(
        f"/files/survey-media/{stored_media.client_id}/scan/{stored_media.sha256}"
    )

    assert upload.status_code == MEDIA_UPLOAD[caller], upload.text[:200]
    assert download.status_code == MEDIA_READ[caller], download.text[:200]
    if download.status_code == 200:
        assert download.content == PDF
        assert download.headers["content-disposition"].startswith("attachment;")
