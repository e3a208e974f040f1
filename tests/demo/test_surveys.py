"""The demo surveys: believable results, and a second run stores nothing new."""

from __future__ import annotations

from typing import Any

from core.actor import Actor
from demo.surveys import DRAFT_TITLE, PUBLIC_RESPONSES, RESPONSES, seed_demo_surveys
from surveys import results
from surveys.models import Survey, SurveyResponse, SurveyStatus


async def test_demo_seed_is_believable_and_idempotent(system: Actor, tree: Any) -> None:
    first = await seed_demo_surveys(system, tree)
    again = await seed_demo_surveys(system, tree)

    assert first.created and not again.created
    assert first.responses == again.responses == RESPONSES
    assert first.public_responses == again.public_responses == PUBLIC_RESPONSES
    assert await SurveyResponse.all().count() == RESPONSES + PUBLIC_RESPONSES
    visitors = SurveyResponse.filter(recorded_by_id=None, public_device__not_isnull=True)
    assert await visitors.count() == PUBLIC_RESPONSES
    survey_id = (await SurveyResponse.filter(public_device=None).first()).survey_id  # type: ignore[union-attr]
    found = await results.results(system, survey_id=survey_id)
    internet = {q.key: q for q in found.questions}["internet"]
    assert 50 < internet.options[0].percent < 95
    assert sum(u.responses for u in found.units) == RESPONSES


async def test_demo_leaves_one_draft_survey_for_a_manager_to_edit(system: Actor, tree: Any) -> None:
    first = await seed_demo_surveys(system, tree)
    await seed_demo_surveys(system, tree)

    assert first.surveys == 3
    drafts = await Survey.filter(title=DRAFT_TITLE).prefetch_related("admin_unit")
    assert [d.status for d in drafts] == [SurveyStatus.DRAFT]
    assert drafts[0].admin_unit.parent_id == tree.id
