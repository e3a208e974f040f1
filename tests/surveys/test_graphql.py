"""Surveys over GraphQL and HTTP: the survey lifecycle, per-item sync results in the
caller's language, public answers, scope, partner keys, photos, query counts."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

import httpx
import pytest
from strawberry.relay import GlobalID

from accounts import services as accounts
from core import ratelimit
from core.actor import Actor, Role
from core.models import AuditEvent
from surveys import photos
from surveys.models import SurveyPhoto, SurveyResponse
from tests.helpers import gql, sign_in
from tests.surveys.survey_data import (
    DEFINITION,
    GOOD_ANSWERS,
    NOW,
    other_commune,
    published_survey,
)

CREATE = """
mutation($input: CreateSurveyInput!) {
  createSurvey(input: $input) { survey { id status currentVersion adminUnit { code } } errors { field code message } }
}
"""
PUBLISH = """
mutation($input: SurveyIdInput!) {
  publishSurvey(input: $input) { survey { status currentVersion } errors { field code } }
}
"""
UPDATE = """
mutation($input: UpdateSurveyInput!) {
  updateSurvey(input: $input) { survey { title currentVersion } errors { field code } }
}
"""
CLOSE = """
mutation($input: CloseSurveyInput!) {
  closeSurvey(input: $input) { survey { status } errors { field code } }
}
"""
SYNC = """
mutation($input: SyncSurveyResponsesInput!) {
  syncSurveyResponses(input: $input) {
    results { clientId result responseId isComplete errors { field code message } }
    errors { field code message }
  }
}
"""
SURVEYS = """
query { surveys(first: 20) { totalCount edges { node { id title status adminUnit { code } } } } }
"""
RESULTS = """
query($id: ID!, $unit: String) {
  surveyResults(surveyId: $id, adminUnitCode: $unit) {
    responses
    area { code }
    units { adminUnit { code } responses }
    questions { key answered options { value count percent } numbers { count mean median min max } }
  }
}
"""
TEXTS = """
query($id: ID!, $key: String!) {
  surveyTextAnswers(surveyId: $id, questionKey: $key, first: 2) { totalCount edges { node { text } } }
}
"""
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def gid(pk: int) -> str:
    return str(GlobalID("Survey", str(pk)))


def item(
    survey_id: int, n: int, answers: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "clientId": f"c0ffee00-0000-4000-8000-{n:012d}",
        "surveyId": gid(survey_id),
        "version": 1,
        "answers": GOOD_ANSWERS if answers is None else answers,
        "collectedAt": (NOW - timedelta(hours=1)).isoformat(),
        "adminUnitCode": "32002",
        "deviceId": "phone-1",
        **extra,
    }


async def test_a_manager_creates_updates_publishes_and_closes_a_survey(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "96")
    bad = await gql(
        client,
        CREATE,
        {
            "input": {
                "title": "Khảo sát",
                "adminUnitCode": "96",
                "definition": {
                    "pages": [
                        {
                            "questions": [
                                {"key": "a", "kind": "TEXT", "labelVi": "A", "relevant": "${b} = 1"}
                            ]
                        }
                    ]
                },
            }
        },
        headers={"accept-language": "en"},
    )
    created = await gql(
        client,
        CREATE,
        {
            "input": {
                "title": "Khảo sát hộ gia đình",
                "adminUnitCode": "96",
                "definition": DEFINITION,
            }
        },
    )
    survey = created["data"]["createSurvey"]["survey"]
    published = await gql(client, PUBLISH, {"input": {"id": survey["id"]}})
    again = await gql(client, PUBLISH, {"input": {"id": survey["id"]}})
    pages = [
        DEFINITION["pages"][0],
        {"questions": [{"key": "extra", "kind": "RATING", "labelVi": "Đánh giá"}]},
    ]
    updated = await gql(
        client, UPDATE, {"input": {"id": survey["id"], "definition": {"pages": pages}}}
    )
    closed = await gql(client, CLOSE, {"input": {"id": survey["id"]}})
    archived = await gql(client, CLOSE, {"input": {"id": survey["id"], "archive": True}})

    (error,) = bad["data"]["createSurvey"]["errors"]
    assert error["code"] == "INVALID_RULE" and "unknown or later question" in error["message"]
    assert survey["status"] == "DRAFT" and survey["adminUnit"] == {"code": "96"}
    assert published["data"]["publishSurvey"]["survey"] == {
        "status": "PUBLISHED",
        "currentVersion": 1,
    }
    assert again["data"]["publishSurvey"]["errors"][0]["code"] == "ILLEGAL_SURVEY_TRANSITION"
    assert updated["data"]["updateSurvey"]["survey"]["currentVersion"] == 2
    assert closed["data"]["closeSurvey"]["survey"]["status"] == "CLOSED"
    assert archived["data"]["closeSurvey"]["survey"]["status"] == "ARCHIVED"
    actions = set(await AuditEvent.filter(object_type="Survey").values_list("action", flat=True))
    assert actions == {
        "survey.create",
        "survey.publish",
        "survey.update",
        "survey.close",
        "survey.archive",
    }


async def test_field_staff_sync_a_batch_with_translated_per_item_errors(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await published_survey(system)
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    items = [
        item(survey.id, 1),
        item(survey.id, 2, {**GOOD_ANSWERS, "members": "bốn"}),
        item(survey.id, 3, adminUnitCode=await other_commune()),
        item(survey.id, 4),
        item(survey.id, 5, {**GOOD_ANSWERS, "adults": 9}),
    ]

    first = await gql(
        client, SYNC, {"input": {"responses": items}}, headers={"accept-language": "en"}
    )
    again = await gql(client, SYNC, {"input": {"responses": items[:1]}})
    too_many = await gql(
        client, SYNC, {"input": {"responses": [item(survey.id, n) for n in range(101)]}}
    )

    results = first["data"]["syncSurveyResponses"]["results"]
    assert [r["result"] for r in results] == [
        "CREATED",
        "REJECTED",
        "REJECTED",
        "CREATED",
        "REJECTED",
    ]
    assert results[4]["errors"][0]["message"] == (
        "The answer to question “Question adults” does not meet its condition. "
        "At most the number of members."
    )
    assert results[1]["errors"] == [
        {
            "field": "answers.members",
            "code": "WRONG_ANSWER_TYPE",
            "message": "The answer to question “Question members” has the wrong type.",
        }
    ]
    assert results[2]["errors"][0]["code"] == "OUT_OF_SCOPE"
    assert again["data"]["syncSurveyResponses"]["results"][0]["result"] == "DUPLICATE"
    assert (
        again["data"]["syncSurveyResponses"]["results"][0]["responseId"] == results[0]["responseId"]
    )
    assert too_many["data"]["syncSurveyResponses"]["errors"][0]["code"] == "TOO_MANY_RESPONSES"
    assert await SurveyResponse.all().count() == 2


async def test_citizens_answer_public_surveys_once_per_device_within_rate_limits(
    client: httpx.AsyncClient, system: Actor
) -> None:
    private = await published_survey(system)
    public = await published_survey(system, public=True)

    refused = await gql(client, SYNC, {"input": {"responses": [item(private.id, 1)]}})
    first = await gql(client, SYNC, {"input": {"responses": [item(public.id, 2)]}})
    second_device_answer = await gql(client, SYNC, {"input": {"responses": [item(public.id, 3)]}})
    for _ in range(27):
        await gql(client, SYNC, {"input": {"responses": [item(public.id, 2)]}})
    limited = await gql(client, SYNC, {"input": {"responses": [item(public.id, 2)]}})

    assert (
        refused["data"]["syncSurveyResponses"]["results"][0]["errors"][0]["code"]
        == "SURVEY_NOT_FOUND"
    )
    assert first["data"]["syncSurveyResponses"]["results"][0]["result"] == "CREATED"
    (other,) = second_device_answer["data"]["syncSurveyResponses"]["results"][0]["errors"]
    assert other["code"] == "ALREADY_RESPONDED"
    assert limited["data"]["syncSurveyResponses"]["errors"][0]["code"] == "RATE_LIMITED"
    assert await SurveyResponse.all().count() == 1


async def test_surveys_list_is_scoped_and_costs_fixed_queries(
    client: httpx.AsyncClient, system: Actor, count_queries: Any
) -> None:
    other = await other_commune()
    for unit in ("96", "32002", other, other):
        await published_survey(system, unit=unit)
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")

    count_queries.queries.clear()
    body = await gql(client, SURVEYS)

    codes = sorted(e["node"]["adminUnit"]["code"] for e in body["data"]["surveys"]["edges"])
    assert codes == ["32002", "96"]
    assert body["data"]["surveys"]["totalCount"] == 2
    # the session (one query), the page with its admin units, the count
    assert len(count_queries) == 3, count_queries.queries
    count_queries.queries.clear()
    one = await gql(client, SURVEYS.replace("first: 20", "first: 1"))
    assert len(one["data"]["surveys"]["edges"]) == 1
    assert len(count_queries) == 3, count_queries.queries  # any page size


async def test_partner_keys_read_results_but_not_free_text_without_read_pii(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await published_survey(system)
    _, surveys_key = await accounts.create_api_key(system, name="Telco", scopes=["read:surveys"])
    _, network_key = await accounts.create_api_key(system, name="Bank", scopes=["read:network"])
    _, pii_key = await accounts.create_api_key(
        system, name="Gov", scopes=["read:surveys", "read:pii"]
    )
    variables = {"id": gid(survey.id), "key": "head_name"}

    refused = await gql(
        client, RESULTS, variables, headers={"authorization": f"Bearer {network_key}"}
    )
    allowed = await gql(
        client, RESULTS, variables, headers={"authorization": f"Bearer {surveys_key}"}
    )
    no_text = await gql(
        client, TEXTS, variables, headers={"authorization": f"Bearer {surveys_key}"}
    )
    text = await gql(client, TEXTS, variables, headers={"authorization": f"Bearer {pii_key}"})

    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert allowed["data"]["surveyResults"]["responses"] == 0
    assert no_text["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert text["data"]["surveyTextAnswers"]["totalCount"] == 0


async def test_photos_are_idempotent_checked_and_complete_the_response(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await published_survey(system)
    digest = hashlib.sha256(PNG).hexdigest()
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    payload = item(survey.id, 1, {**GOOD_ANSWERS, "house_photo": digest})
    await gql(client, SYNC, {"input": {"responses": [payload]}})
    url = f"/uploads/survey-photos/{payload['clientId']}/house_photo"
    raw = {"content-type": "application/octet-stream"}

    before = await SurveyResponse.get(client_id=payload["clientId"])
    first = await client.post(url, content=PNG, headers=raw)
    again = await client.post(url, content=PNG, headers=raw)
    other = await client.post(url, content=PNG + b"x", headers=raw)
    exe = await client.post(url, content=b"MZ\x90\x00" * 20, headers=raw)
    huge = await client.post(url, content=b"\xff\xd8\xff" + b"0" * 20_000_000, headers=raw)
    unknown = await client.post(
        "/uploads/survey-photos/no-such-response/house_photo", content=PNG, headers=raw
    )

    assert not before.is_complete
    assert first.status_code == 201 and first.json()["isComplete"] is True
    assert again.status_code == 200 and again.json()["sha256"] == digest
    assert other.status_code == 409 and other.json()["errors"][0]["code"] == "PHOTO_NOT_EXPECTED"
    assert other.json()["errors"][0]["message"] == (
        "Ảnh này không phải là câu trả lời của câu hỏi “Câu house_photo” trong phiếu."
    )
    assert exe.status_code == 415
    assert huge.status_code == 413
    assert unknown.status_code == 404
    assert await SurveyPhoto.all().count() == 1
    assert (await SurveyResponse.get(client_id=payload["clientId"])).is_complete


async def test_visitors_attach_photos_to_their_own_public_response_only(
    client: httpx.AsyncClient, system: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    public = await published_survey(system, public=True)
    digest = hashlib.sha256(PNG).hexdigest()
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    theirs = item(public.id, 2, {**GOOD_ANSWERS, "house_photo": digest}, deviceId="phone-2")
    await gql(client, SYNC, {"input": {"responses": [theirs]}})
    client.cookies.clear()  # from here on, a visitor without an account
    mine = item(public.id, 1, {**GOOD_ANSWERS, "house_photo": digest})
    old = item(public.id, 3, {**GOOD_ANSWERS, "house_photo": digest}, deviceId="phone-3")
    await gql(client, SYNC, {"input": {"responses": [mine]}})
    await gql(client, SYNC, {"input": {"responses": [old]}})
    await SurveyResponse.filter(client_id=old["clientId"]).update(
        created_at=NOW - timedelta(days=8)
    )
    raw = {"content-type": "application/octet-stream"}

    def url(payload: dict[str, Any]) -> str:
        return f"/uploads/survey-photos/{payload['clientId']}/house_photo"

    first = await client.post(url(mine), content=PNG, headers=raw)
    again = await client.post(url(mine), content=PNG, headers=raw)
    staff_response = await client.post(url(theirs), content=PNG, headers=raw)
    too_late = await client.post(url(old), content=PNG, headers=raw)
    monkeypatch.setattr(
        photos,
        "PUBLIC_PHOTOS_PER_ADDRESS",
        ratelimit.Limit("survey-photo-addr", 4, timedelta(hours=1)),
    )
    limited = await client.post(url(mine), content=PNG, headers=raw)

    assert first.status_code == 201 and first.json()["isComplete"] is True
    assert again.status_code == 200
    assert staff_response.status_code == 404
    assert too_late.status_code == 404
    assert limited.status_code == 429 and limited.headers["retry-after"]
    assert await SurveyPhoto.all().count() == 1


async def test_a_sync_on_an_ended_session_is_refused_whole_not_stored_as_a_visitors(
    client: httpx.AsyncClient, system: Actor
) -> None:
    public = await published_survey(system, public=True)
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    client.cookies.set("dxnet_session", "a-session-that-ended")

    body = await gql(client, SYNC, {"input": {"responses": [item(public.id, 1)]}})

    payload = body["data"]["syncSurveyResponses"]
    assert payload["results"] == []
    assert [e["code"] for e in payload["errors"]] == ["UNAUTHENTICATED"]
    assert await SurveyResponse.all().count() == 0


async def test_sync_results_say_whether_the_photos_still_have_to_be_sent(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await published_survey(system)
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    digest = hashlib.sha256(PNG).hexdigest()
    with_photo = item(survey.id, 1, {**GOOD_ANSWERS, "house_photo": digest})
    without = item(survey.id, 2)
    bad = item(survey.id, 3, {**GOOD_ANSWERS, "members": 0})

    def complete(body: dict[str, Any]) -> list[Any]:
        results = body["data"]["syncSurveyResponses"]["results"]
        return [(r["result"], r["isComplete"]) for r in results]

    first = await gql(client, SYNC, {"input": {"responses": [with_photo, without, bad]}})
    before_photo = await gql(client, SYNC, {"input": {"responses": [with_photo]}})
    url = f"/uploads/survey-photos/{with_photo['clientId']}/house_photo"
    await client.post(url, content=PNG, headers={"content-type": "application/octet-stream"})
    after_photo = await gql(client, SYNC, {"input": {"responses": [with_photo, with_photo]}})

    assert complete(first) == [("CREATED", False), ("CREATED", True), ("REJECTED", None)]
    assert complete(before_photo) == [("DUPLICATE", False)]
    assert complete(after_photo) == [("DUPLICATE", True), ("DUPLICATE", True)]
