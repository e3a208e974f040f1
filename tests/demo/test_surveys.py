"""The demo surveys: believable results, and a second run stores nothing new."""

from __future__ import annotations

from typing import Any

from core.actor import Actor
from demo.surveys import PUBLIC_RESPONSES, RESPONSES, seed_demo_surveys
from surveys import results
from surveys.models import SurveyResponse


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
