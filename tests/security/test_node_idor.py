"""IDOR through ``node(id)``: for every Node type of ``schema.graphql``, an object in the
out-of-scope commune (``world.other``) is read through ``node(id)`` by every caller.

``SEEN`` means the caller gets the object; ``HIDDEN`` means null or a FORBIDDEN /
OUT_OF_SCOPE / UNAUTHENTICATED error, never the object. A Node type without a row fails.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from accounts import services as accounts
from accounts.models import ApiKey, User
from activities import campaigns
from activities.campaigns import CampaignData
from core.actor import Actor, Role
from core.clock import today_in_vietnam
from network.models import AdminUnit, Member, Organization
from projects.models import Project
from recognition import rounds
from recognition.rounds import RoundData
from surveys.models import Survey
from tests.activities.activity_data import make_event
from tests.helpers import make_user
from tests.recognition.recognition_data import accepted
from tests.security.conftest import BASE_CALLERS, World
from tests.security.documents import global_id, node_types
from tests.surveys.survey_data import published_survey

pytestmark = pytest.mark.db

SEEN = "SEEN"
HIDDEN = "HIDDEN"
HIDING_CODES = {"FORBIDDEN", "OUT_OF_SCOPE", "UNAUTHENTICATED"}

# Staff of the object's commune (manager_out) and the province admin see it; staff of another
# commune and anonymous callers do not. Partner keys (province-wide, with the read scope) see
# what the domain's read scope covers; the key with read:pii only sees nothing.
SCOPED = {
    "anonymous": HIDDEN, "admin": SEEN, "manager_in": HIDDEN, "manager_out": SEEN,
    "field": HIDDEN, "committee": HIDDEN, "key_scoped": SEEN, "key_unscoped": HIDDEN,
}  # fmt: skip
STAFF_ONLY = {**SCOPED, "key_scoped": HIDDEN}
PUBLIC_TREE = dict.fromkeys(BASE_CALLERS, SEEN)
SIGNED_IN_READERS = {**PUBLIC_TREE, "anonymous": HIDDEN, "key_unscoped": HIDDEN}

Factory = Callable[[World, Actor, Actor], Awaitable[int | str]]


async def _admin_unit(world: World, system: Actor, out: Actor) -> str:
    return world.other  # admin units are identified by their code


async def _user(world: World, system: Actor, out: Actor) -> int:
    return (await User.get(username="matrix.manager_out")).id


async def _api_key(world: World, system: Actor, out: Actor) -> int:
    key, _ = await accounts.create_api_key(
        system, name="idor key", scopes=["read:network"], admin_unit_code=world.other
    )
    assert isinstance(key, ApiKey)
    return key.id


async def _organization(world: World, system: Actor, out: Actor) -> int:
    org = await Organization.filter(admin_unit__code=world.other).first()
    assert org is not None
    return org.id


async def _member(world: World, system: Actor, out: Actor) -> int:
    member = await Member.filter(organization__admin_unit__code=world.other).first()
    assert member is not None
    return member.id


async def _event(world: World, system: Actor, out: Actor) -> int:
    return (await make_event(system, unit=world.other)).id


async def _campaign(world: World, system: Actor, out: Actor) -> int:
    today = today_in_vietnam()
    data = CampaignData(
        title="Chiến dịch IDOR",
        admin_unit_code=world.other,
        starts_on=today,
        ends_on=today + timedelta(days=30),
    )
    return (await campaigns.create(system, data=data)).id


async def _survey(world: World, system: Actor, out: Actor) -> int:
    survey: Survey = await published_survey(system, unit=world.other)
    return survey.id


async def _initiative(world: World, system: Actor, out: Actor) -> int:
    return (await accepted(system, admin_unit_code=world.other)).id


async def _article(world: World, system: Actor, out: Actor) -> int:
    """A published article for the other commune's staff only (keys read public ones)."""
    from knowledge import services as knowledge
    from knowledge.models import Audience
    from knowledge.services import ArticleData

    article = await knowledge.create_article(
        system,
        ArticleData(
            title=f"Hướng dẫn nội bộ IDOR {world.other}",
            body="Chỉ cán bộ xã này đọc.",
            audience=Audience.UNIT,
            audience_unit_code=world.other,
        ),
    )
    await knowledge.publish(system, article.id)
    return article.id


async def _round(world: World, system: Actor, out: Actor) -> int:
    user = await User.get_or_none(username="idor.committee") or await make_user(
        system, "idor.committee", Role.COMMITTEE_MEMBER, world.other
    )
    now = datetime.now(UTC)
    round_ = await rounds.create_round(
        system,
        data=RoundData(
            title="Vòng xét chọn IDOR",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=14),
            committee_user_ids=[user.id],
            chair_user_id=user.id,
            admin_unit_code=world.other,
        ),
    )
    return round_.id


async def _nomination(world: World, system: Actor, out: Actor) -> int:
    round_id = await _round(world, system, out)
    initiative_id = await _initiative(world, system, out)
    nomination = await rounds.nominate(system, round_id=round_id, initiative_id=initiative_id)
    return nomination.id


async def _project(world: World, system: Actor, out: Actor) -> int:
    from tests.projects.project_data import make_project, unit_people

    unit = await unit_people(system, world.other, phone_prefix="09139999")
    return (await make_project(system, unit, code="IDOR-P", admin_unit_code=world.other)).id


async def _milestone(world: World, system: Actor, out: Actor) -> int:
    from projects import tasks as project_tasks

    project_id = await Project.get(code="IDOR-P").values_list("id", flat=True)
    milestone = await project_tasks.add_milestone(
        system, project_id=int(project_id), title="Mốc IDOR", due_on=date(2026, 6, 1)
    )
    return milestone.id


async def _task(world: World, system: Actor, out: Actor) -> int:
    from projects import tasks as project_tasks
    from projects.tasks import TaskData

    project_id = await Project.get(code="IDOR-P").values_list("id", flat=True)
    task = await project_tasks.add_task(
        system, project_id=int(project_id), data=TaskData(title="Việc IDOR")
    )
    return task.id


async def _support_offer(world: World, system: Actor, out: Actor) -> int:
    """An offer of a partner in the other commune (offers are read by all staff and keys)."""
    from network import organizations
    from network.models import OrganizationKind
    from network.organizations import OrganizationData
    from support import services as support
    from support.seed import seed_tags

    tags = await seed_tags()
    org = await Organization.get_or_none(name="VNPT IDOR") or await organizations.create(
        system,
        data=OrganizationData(
            name="VNPT IDOR", kind=OrganizationKind.TELECOM_POSTAL, admin_unit_code=world.other
        ),
    )
    offer = await support.create_offer(
        system,
        support.OfferData(
            title="Gói IDOR",
            tag_ids=[tags["VNeID"].id],
            capacity_person_days=10,
            served_unit_codes=[world.other],
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
            organization_id=org.id,
        ),
    )
    return offer.id


async def _support_request(world: World, system: Actor, out: Actor) -> int:
    from support import services as support
    from support.seed import seed_tags

    tags = await seed_tags()
    row = await support.create_request(
        system,
        support.RequestData(
            admin_unit_code=world.other,
            title="Yêu cầu IDOR",
            tag_ids=[tags["VNeID"].id],
            starts_on=date(2026, 5, 1),
            ends_on=date(2026, 5, 2),
            person_days=1,
        ),
    )
    return row.id


async def _support_engagement(world: World, system: Actor, out: Actor) -> int:
    from support import engagements

    request_id = await _support_request(world, system, out)
    offer_id = await _support_offer(world, system, out)
    row = await engagements.propose(system, request_id=request_id, offer_id=offer_id)
    return row.id


NODE_ROWS: dict[str, tuple[Factory, dict[str, str]]] = {
    "AdminUnit": (_admin_unit, PUBLIC_TREE),
    "ApiKey": (_api_key, {**STAFF_ONLY, "manager_out": HIDDEN}),  # province admins only
    "Article": (_article, STAFF_ONLY),  # a unit-audience article
    "Campaign": (_campaign, SCOPED),
    "Event": (_event, SCOPED),
    "Initiative": (_initiative, SCOPED),
    "Member": (_member, SCOPED),
    "Nomination": (_nomination, SCOPED),
    "Organization": (_organization, SCOPED),
    "Project": (_project, SCOPED),
    "Milestone": (_milestone, SCOPED),
    "Task": (_task, SCOPED),
    "RecognitionRound": (_round, SCOPED),
    "SupportEngagement": (_support_engagement, SCOPED),
    "SupportOffer": (_support_offer, SIGNED_IN_READERS),  # a partner's public commitment
    "SupportRequest": (_support_request, SCOPED),
    "Survey": (_survey, SCOPED),
    "User": (_user, STAFF_ONLY),
}


def test_every_node_type_has_a_row() -> None:
    assert set(node_types()) == set(NODE_ROWS)


async def test_node_idor(world: World) -> None:
    tree = await AdminUnit.get(code="96")
    system = Actor.system(tree.path, tree.code)
    out_user = await User.get(username="matrix.manager_out").select_related("scope")
    out = accounts.actor_for_user(out_user, out_user.scope)
    if not await Organization.filter(admin_unit__code=world.other).exists():
        await _registry_in(world, system)
    failures: list[str] = []
    for type_name, (factory, expected) in NODE_ROWS.items():
        pk = await factory(world, system, out)
        query = "query($id: ID!) { node(id: $id) { __typename id } }"
        variables = {"id": global_id(type_name, pk)}
        for caller in BASE_CALLERS:
            body: dict[str, Any] = (
                await world.clients[caller].post(
                    "/graphql", json={"query": query, "variables": variables}
                )
            ).json()
            node = (body.get("data") or {}).get("node")
            codes = {str((e.get("extensions") or {}).get("code")) for e in body.get("errors") or []}
            if expected[caller] == SEEN and (node is None or node["__typename"] != type_name):
                failures.append(f"{type_name} as {caller}: expected the object, got {body}")
            if expected[caller] == HIDDEN:
                if node is not None:
                    failures.append(f"{type_name} as {caller}: LEAK, got the object {body}")
                elif codes - HIDING_CODES:
                    failures.append(f"{type_name} as {caller}: unexpected codes {codes}")
    assert not failures, "\n".join(failures)


async def _registry_in(world: World, system: Actor) -> None:
    from network import members, organizations
    from network.members import MemberData
    from network.models import ITQualification, OrganizationKind
    from network.organizations import OrganizationData
    from network.seed import seed_platforms

    await seed_platforms()
    org = await organizations.create(
        system,
        data=OrganizationData(
            name="UBND IDOR", kind=OrganizationKind.PEOPLES_COMMITTEE, admin_unit_code=world.other
        ),
    )
    await members.create(
        system,
        data=MemberData(
            full_name="Phạm Văn IDOR",
            organization_id=org.id,
            phone="0912999999",
            email="idor@example.vn",
            it_qualification=ITQualification.NONE,
            roles=[],
            joined_on=date(2025, 3, 1),
        ),
    )
