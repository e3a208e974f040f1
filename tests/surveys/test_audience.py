"""Who may answer a survey: its area, its organisation kinds and network roles, or the
public; and what a visitor without an account may read."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from strawberry.relay import GlobalID
from tortoise.transactions import in_transaction

from accounts.models import User
from core.actor import Actor, Role
from core.errors import ValidationFailed
from network.models import AdminUnit, Member
from surveys import services
from surveys.models import Survey, SurveyResponse
from surveys.services import SurveyData
from surveys.sync import SyncStatus, sync_responses
from tests.helpers import gql, login, make_user
from tests.network.registry_data import Registry
from tests.surveys.survey_data import DEFINITION, published_survey, response

SURVEYS = """
query { surveys(status: PUBLISHED, first: 20) {
  edges { node { id title isPublic viewerCanRespond } } } }
"""
SURVEY = "query($id: ID!) { survey(id: $id) { title isPublic viewerCanRespond definition } }"
RESULTS = "query($id: ID!) { surveyResults(surveyId: $id) { responses } }"


async def _restricted(system: Actor, *, kinds: list[str], roles: list[str]) -> Survey:
    survey = await services.create(
        system,
        data=SurveyData(
            title="Nhu cầu tập huấn của tổ công nghệ số",
            admin_unit_code="96",
            definition=DEFINITION,
            organization_kinds=kinds,
            network_roles=roles,
        ),
    )
    return await services.publish(system, survey_id=survey.id)


async def _staff(role: Role, member: Member | None) -> Actor:
    unit = await AdminUnit.get(code="32002")
    return Actor(
        kind="user",
        roles=frozenset({role}),
        scope_path=unit.path,
        scope_code=unit.code,
        user_id=1,
        member_id=member.id if member else None,
    )


async def _answer(actor: Actor, survey: Survey) -> Any:
    async with in_transaction():
        (result,) = await sync_responses(actor, items=[response(survey)])
    return result


async def test_field_staff_answer_only_surveys_meant_for_their_kind_and_role(
    system: Actor, registry: Registry
) -> None:
    survey = await _restricted(
        system, kinds=["COMMUNITY_TECH_TEAM"], roles=["TECH_TEAM_LEADER", "TECH_TEAM_MEMBER"]
    )

    leader = await _answer(await _staff(Role.FIELD_STAFF, registry.team_leader), survey)
    officer = await _answer(await _staff(Role.FIELD_STAFF, registry.an_xuyen_staff), survey)
    nobody = await _answer(await _staff(Role.FIELD_STAFF, None), survey)
    manager = await _answer(await _staff(Role.UNIT_MANAGER, None), survey)

    assert leader.status == SyncStatus.CREATED
    assert officer.status == SyncStatus.REJECTED
    assert [e.code for e in officer.errors] == ["SURVEY_NOT_IN_AUDIENCE"]
    assert nobody.status == SyncStatus.REJECTED
    assert manager.status == SyncStatus.CREATED  # managers collect on anyone's behalf
    assert await SurveyResponse.filter(survey_id=survey.id).count() == 2


async def test_kinds_and_roles_are_each_enough_to_exclude(
    system: Actor, registry: Registry
) -> None:
    by_kind = await _restricted(system, kinds=["PEOPLES_COMMITTEE"], roles=[])
    by_role = await _restricted(system, kinds=[], roles=["EXPERT"])
    officer = await _staff(Role.FIELD_STAFF, registry.an_xuyen_staff)

    assert (await _answer(officer, by_kind)).status == SyncStatus.CREATED
    assert (await _answer(officer, by_role)).errors[0].code == "SURVEY_NOT_IN_AUDIENCE"


async def test_a_public_survey_cannot_also_be_restricted(system: Actor) -> None:
    with pytest.raises(ValidationFailed) as refused:
        await services.create(
            system,
            data=SurveyData(
                title="Góp ý dịch vụ công",
                admin_unit_code="96",
                definition=DEFINITION,
                is_public=True,
                network_roles=["EXPERT"],
            ),
        )
    assert [(e.code, e.field) for e in refused.value.errors] == [
        ("PUBLIC_SURVEY_RESTRICTED", "networkRoles")
    ]


async def test_visitors_read_published_public_surveys_and_nothing_else(
    client: httpx.AsyncClient, system: Actor
) -> None:
    public = await published_survey(system, public=True)
    private = await published_survey(system)
    draft = await services.create(
        system,
        data=SurveyData(
            title="Bản nháp công khai", admin_unit_code="96", definition=DEFINITION, is_public=True
        ),
    )
    ids = {s.id: (_gid(s.id)) for s in (public, private, draft)}

    listed = await gql(client, SURVEYS)
    readable = await gql(client, SURVEY, {"id": ids[public.id]})
    hidden = await gql(client, SURVEY, {"id": ids[private.id]})
    unpublished = await gql(client, SURVEY, {"id": ids[draft.id]})
    results = await gql(client, RESULTS, {"id": ids[public.id]})

    nodes = [e["node"] for e in listed["data"]["surveys"]["edges"]]
    assert [(n["id"], n["viewerCanRespond"]) for n in nodes] == [(ids[public.id], True)]
    assert readable["data"]["survey"]["definition"]["pages"][0]["key"] == "household"
    assert hidden["data"]["survey"] is None
    assert unpublished["data"]["survey"] is None
    assert results["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_survey_list_tells_field_staff_what_they_may_answer(
    client: httpx.AsyncClient, system: Actor, registry: Registry
) -> None:
    for_teams = await _restricted(system, kinds=["COMMUNITY_TECH_TEAM"], roles=[])
    for_everyone = await published_survey(system)
    user = await make_user(system, "field", Role.FIELD_STAFF, "32002")
    await User.filter(id=user.id).update(member_id=registry.an_xuyen_staff.id)
    await login(client, "field")

    listed = await gql(client, SURVEYS)

    can = {
        e["node"]["id"]: e["node"]["viewerCanRespond"] for e in listed["data"]["surveys"]["edges"]
    }
    assert can == {(_gid(for_teams.id)): False, (_gid(for_everyone.id)): True}


def _gid(pk: int) -> str:
    return str(GlobalID("Survey", str(pk)))
