"""A citizen's phone resends a queued submission (its answer was lost, or the network
dropped mid-request) with the same client id: one initiative, the same tracking code.
Also the public showcase item a shared link opens. Both run on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import httpx
import pytest
from tortoise.transactions import in_transaction

from core.actor import Actor
from core.errors import ValidationFailed
from core.models import AuditEvent, RateLimitCounter
from network.models import AdminUnit
from recognition import awards, initiatives, rounds
from recognition.models import AwardLevel, Initiative, InitiativeTransition
from tests.helpers import gql
from tests.recognition.documents import (
    FAR_FUTURE,
    SUBMIT,
    assert_no_personal_data,
    submit_input,
)
from tests.recognition.recognition_data import (
    ADDRESS,
    NOW,
    accepted,
    chair_scored,
    make_committee,
    open_round,
    submission,
)

CLIENT_ID = "5b0f3c1e-8d2a-4c6b-9e7f-1a2b3c4d5e6f"
RESEND = SUBMIT.replace("trackingCode status", "trackingCode status duplicate")
SHOWCASE_ITEM = """
query($id: ID!) {
  showcaseItem(id: $id) {
    id title summary problem solution results category organizationName
    adminUnit { code name } level citation awardedOn roundTitle
    replications { organizationName adminUnit { code } startedAt status }
  }
}
"""


async def test_a_resent_submission_is_stored_once_with_the_same_tracking_code(
    tree: AdminUnit,
) -> None:
    data = submission(client_id=CLIENT_ID)

    first = await initiatives.submit(Actor.anonymous(), data=data, client_addr=ADDRESS, now=NOW)
    counters = [(c.key, c.count) for c in await RateLimitCounter.all().order_by("key")]
    again = await initiatives.submit(
        Actor.anonymous(),
        data=replace(data, title=f"  {data.title} "),
        client_addr=ADDRESS,
        now=NOW,
    )

    assert (first.duplicate, again.duplicate) == (False, True)
    assert again.tracking_code == first.tracking_code
    stored = await Initiative.get(client_id=CLIENT_ID)
    assert stored.tracking_code == first.tracking_code
    assert await Initiative.all().count() == 1
    assert await InitiativeTransition.all().count() == 1
    assert await AuditEvent.filter(action="initiative.submit").count() == 1
    # a resend spends none of the submitter's daily allowance
    assert [(c.key, c.count) for c in await RateLimitCounter.all().order_by("key")] == counters


async def test_two_resends_racing_each_other_store_one_initiative(tree: AdminUnit) -> None:
    data = submission(client_id=CLIENT_ID)

    async def send() -> str:
        async with in_transaction():  # as the GraphQL mutation does
            result = await initiatives.submit(
                Actor.anonymous(), data=data, client_addr=ADDRESS, now=NOW
            )
        return result.tracking_code

    codes = await asyncio.gather(send(), send())

    assert codes[0] == codes[1]
    assert await Initiative.all().count() == 1


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"submitter_phone": "0987 654 321"}, "CLIENT_ID_CONFLICT"),
        ({"title": "Một sáng kiến hoàn toàn khác"}, "CLIENT_ID_CONFLICT"),
        ({"client_id": "short"}, "INVALID_CLIENT_ID"),
        ({"client_id": "x" * 65}, "INVALID_CLIENT_ID"),
        ({"client_id": "có dấu cách và dấu"}, "INVALID_CLIENT_ID"),
    ],
)
async def test_another_submission_under_a_used_client_id_is_refused(
    tree: AdminUnit, changes: dict[str, str], code: str
) -> None:
    await initiatives.submit(
        Actor.anonymous(), data=submission(client_id=CLIENT_ID), client_addr=ADDRESS, now=NOW
    )

    with pytest.raises(ValidationFailed) as refused:
        await initiatives.submit(
            Actor.anonymous(),
            data=submission(**{"client_id": CLIENT_ID, **changes}),
            client_addr=ADDRESS,
            now=NOW,
        )

    assert [(e.field, e.code) for e in refused.value.errors] == [("clientId", code)]
    assert await Initiative.all().count() == 1


async def test_resending_over_graphql_answers_duplicate_without_personal_data(
    client: httpx.AsyncClient, tree: AdminUnit
) -> None:
    first = await gql(client, RESEND, submit_input(clientId=CLIENT_ID))
    again = await gql(client, RESEND, submit_input(clientId=CLIENT_ID))
    other = await gql(
        client,
        RESEND,
        submit_input(clientId=CLIENT_ID, submitterPhone="0987654321"),
        headers={"accept-language": "en"},
    )

    sent, resent = first["data"]["submitInitiative"], again["data"]["submitInitiative"]
    assert (sent["duplicate"], resent["duplicate"]) == (False, True)
    assert resent["trackingCode"] == sent["trackingCode"] and resent["status"] == "SUBMITTED"
    assert resent["errors"] == []
    assert other["data"]["submitInitiative"]["trackingCode"] is None
    assert [(e["field"], e["code"]) for e in other["data"]["submitInitiative"]["errors"]] == [
        ("clientId", "CLIENT_ID_CONFLICT")
    ]
    assert await Initiative.all().count() == 1
    for body in (first, again):
        assert_no_personal_data(body)


async def test_a_shared_showcase_link_opens_one_awarded_model(
    client: httpx.AsyncClient, tree: AdminUnit, system: Actor, count_queries: Any
) -> None:
    committee = await make_committee(1)
    round_ = await open_round(system, committee, closes_at=FAR_FUTURE)
    initiative = await accepted(system, organization_id=None)
    nomination = await chair_scored(system, committee, round_.id, initiative.id, (9, 8, 9, 7))
    await rounds.close_round(system, round_id=round_.id, now=NOW)
    award = await awards.grant(
        system,
        nomination_id=nomination.id,
        level=AwardLevel.FIRST_PRIZE,
        citation="Mô hình thiết thực, dễ nhân rộng.",
        now=NOW,
    )

    count_queries.queries.clear()
    found = await gql(client, SHOWCASE_ITEM, {"id": str(award.id)})
    queries = len(count_queries)
    missing = await gql(client, SHOWCASE_ITEM, {"id": str(award.id + 1)})
    garbage = await gql(client, SHOWCASE_ITEM, {"id": "QXdhcmQ6MQ=="})

    item = found["data"]["showcaseItem"]
    assert (item["id"], item["title"], item["level"]) == (
        str(award.id),
        initiative.title,
        "FIRST_PRIZE",
    )
    assert item["citation"] == "Mô hình thiết thực, dễ nhân rộng."
    assert item["adminUnit"]["code"] == "31843" and item["replications"] == []
    assert missing["data"]["showcaseItem"] is None and "errors" not in missing
    assert garbage["data"]["showcaseItem"] is None and "errors" not in garbage
    assert_no_personal_data(found)
    # the award with its initiative, place, organisation and round joined; its replications
    assert queries == 2
