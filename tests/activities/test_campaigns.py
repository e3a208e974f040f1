"""Field logs exactly once under concurrency, and campaign rules."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from tortoise.transactions import in_transaction

from activities import campaigns
from activities.campaigns import CampaignData, FieldLogData, TargetData
from activities.models import Campaign, FieldActivityKind, FieldActivityLog
from core.actor import Actor
from core.clock import today_in_vietnam
from core.errors import ValidationFailed
from network.models import AdminUnit
from tests.activities.activity_data import NOW


async def _create(system: Actor, *targets: TargetData) -> Campaign:
    """A province campaign running from ten days ago to ten days ahead."""
    return await campaigns.create(
        system,
        data=CampaignData(
            title="Bình dân học vụ số",
            admin_unit_code="96",
            starts_on=today_in_vietnam() - timedelta(days=10),
            ends_on=today_in_vietnam() + timedelta(days=10),
            goal_people=500,
            targets=list(targets),
        ),
    )


@pytest.fixture
async def campaign(system: Actor) -> Campaign:
    return await _create(system, TargetData("32002", goal_people=300))


def _log(campaign: Campaign, **overrides: object) -> FieldLogData:
    values: dict[str, object] = {
        "client_id": "log-0001-aaaa",
        "campaign_id": campaign.id,
        "admin_unit_code": "32002",
        "happened_at": NOW - timedelta(hours=3),
        "kind": FieldActivityKind.COMMUNITY_MEETING,
        "people_reached": 40,
        "households_reached": 15,
        **overrides,
    }
    return FieldLogData(**values)  # type: ignore[arg-type]


async def test_twenty_concurrent_identical_logs_store_one(
    system: Actor, campaign: Campaign
) -> None:
    async def attempt() -> str:
        async with in_transaction():
            done = await campaigns.log_field_activity(system, data=_log(campaign))
        return done.result.value

    outcomes = await asyncio.gather(*(attempt() for _ in range(20)))

    assert sorted(outcomes) == ["CREATED"] + ["DUPLICATE"] * 19
    assert await FieldActivityLog.all().count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"admin_unit_code": "31843"}, "adminUnitCode", "OUTSIDE_CAMPAIGN_AREA"),
        ({"happened_at": NOW - timedelta(days=30)}, "happenedAt", "OUTSIDE_CAMPAIGN_PERIOD"),
        ({"happened_at": NOW + timedelta(days=1)}, "happenedAt", "DATE_IN_FUTURE"),
        ({"households_reached": -1}, "householdsReached", "NEGATIVE_REACH"),
        ({"latitude": 95.0, "longitude": 105.0}, "location", "INVALID_LOCATION"),
        ({"client_id": "x"}, "clientId", "INVALID_CLIENT_ID"),
    ],
)
async def test_bad_field_logs_are_refused(
    system: Actor, campaign: Campaign, overrides: dict[str, object], field: str, code: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await campaigns.log_field_activity(system, data=_log(campaign, **overrides))

    assert [(e.field, e.code) for e in caught.value.errors] == [(field, code)]
    assert await FieldActivityLog.all().count() == 0


async def test_commune_staff_see_only_their_part_of_a_province_campaign(
    system: Actor, tree: AdminUnit
) -> None:
    """Given a province campaign with work logged in An Xuyên and Hồng Dân, Hồng Dân's
    staff see Hồng Dân's reach against Hồng Dân's goal, and nothing of An Xuyên; the
    province sees both communes and the province's totals."""
    from core.actor import Role
    from tests.helpers import actor_for

    campaign = await _create(
        system, TargetData("32002", goal_people=300), TargetData("31843", goal_people=100)
    )
    await campaigns.log_field_activity(system, data=_log(campaign, people_reached=40))
    await campaigns.log_field_activity(
        system,
        data=_log(campaign, client_id="log-0002-bbbb", admin_unit_code="31843", people_reached=7),
    )
    hong_dan = await actor_for(system, Role.FIELD_STAFF, "31843", username="canbo.hongdan")

    mine = await campaigns.progress(hong_dan, campaign_id=campaign.id)
    whole = await campaigns.progress(system, campaign_id=campaign.id)

    assert [(r.unit.code, r.people, r.goal_people) for r in mine.communes] == [("31843", 7, 100)]
    assert (mine.totals.unit.code, mine.totals.people, mine.totals.activities) == ("31843", 7, 1)
    assert mine.totals.goal_people == 100
    assert sorted((r.unit.code, r.people) for r in whole.communes) == [
        ("31843", 7),
        ("32002", 40),
    ]
    assert (whole.totals.unit.code, whole.totals.people, whole.totals.goal_people) == (
        "96",
        47,
        500,
    )
