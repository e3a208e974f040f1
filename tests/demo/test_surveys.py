"""The demo surveys: believable results, and a second run stores nothing new."""

from __future__ import annotations

from typing import Any

from core.actor import Actor
from demo.surveys import (
    DRAFT_TITLE,
    PUBLIC_RESPONSES,
    RESPONSES,
    ROSTER_RESPONSES,
    ROSTER_TITLE,
    seed_demo_surveys,
)
from surveys import results
from surveys.models import Survey, SurveyResponse, SurveyStatus


async def test_demo_seed_is_believable_and_idempotent(system: Actor, tree: Any) -> None:
    first = await seed_demo_surveys(system, tree)
    again = await seed_demo_surveys(system, tree)

    assert first.created and not again.created
    assert first.responses == again.responses == RESPONSES
    assert first.public_responses == again.public_responses == PUBLIC_RESPONSES
    assert first.roster_responses == again.roster_responses == ROSTER_RESPONSES
    assert await SurveyResponse.all().count() == RESPONSES + PUBLIC_RESPONSES + ROSTER_RESPONSES
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

    assert first.surveys == 4
    drafts = await Survey.filter(title=DRAFT_TITLE).prefetch_related("admin_unit")
    assert [d.status for d in drafts] == [SurveyStatus.DRAFT]
    assert drafts[0].admin_unit.parent_id == tree.id


async def test_demo_household_roster_is_open_to_the_demo_field_staff(
    system: Actor, tree: Any
) -> None:
    from accounts.models import User
    from accounts.services import actor_for_user
    from demo.accounts import seed_demo_accounts
    from network.models import AdminUnit, AdminUnitKind
    from surveys import services
    from surveys.definition import QuestionKind, parse_form

    await seed_demo_surveys(system, tree)
    await seed_demo_accounts(system, tree)
    roster = await Survey.get(title=ROSTER_TITLE)
    commune = (
        await AdminUnit.filter(parent_id=tree.id, kind=AdminUnitKind.COMMUNE)
        .order_by("code")
        .first()
    )
    assert commune is not None
    staff = actor_for_user(await User.get(username=f"canbo.{commune.code}"), commune)

    form = parse_form(roster.definition)
    assert roster.status == SurveyStatus.PUBLISHED and roster.admin_unit_id == tree.id
    assert form.by_key["members"].kind == QuestionKind.REPEAT
    assert form.by_key["members"].get("repeatCount") == "${household_size}"
    assert form.by_key["in_school"].get("relevant") == "${age} >= 6 and ${age} <= 18"
    assert services.can_respond(staff, roster, await services.respondent(staff))
    found = await results.results(system, survey_id=roster.id)
    by_key = {q.key: q for q in found.questions}
    assert found.responses == ROSTER_RESPONSES
    assert {u.unit.code for u in found.units if u.responses} >= {commune.code}
    assert by_key["sex"].repeat == "members"
    assert by_key["sex"].answered > ROSTER_RESPONSES  # every member tallied
    assert by_key["relationship"].options[0].count == ROSTER_RESPONSES  # one head each
    stored = await SurveyResponse.filter(survey_id=roster.id).values_list("answers", flat=True)
    for answers in stored:
        assert answers["member_count"] == answers["household_size"] == len(answers["members"])
