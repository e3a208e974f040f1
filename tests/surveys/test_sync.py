"""Syncing responses: exactly once per client id, per-item results, versions, and every
question kind and constraint."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from core.actor import Actor
from core.errors import DomainError
from surveys import services
from surveys.models import SurveyAnswer, SurveyAnswerCount, SurveyResponse
from surveys.sync import SyncStatus, sync_responses
from tests.surveys.survey_data import (
    DEFINITION,
    GOOD_ANSWERS,
    ask,
    published_survey,
    response,
)


async def _counted(survey_id: int) -> int:
    rows = await SurveyAnswerCount.filter(survey_id=survey_id).values_list("n", flat=True)
    return sum(int(n) for n in rows)


async def _sync(actor: Actor, items: list[Any]) -> list[Any]:
    async with in_transaction():
        return await sync_responses(actor, items=items)


async def test_a_batch_is_stored_once_and_a_resend_is_a_duplicate(system: Actor) -> None:
    survey = await published_survey(system)
    batch = [response(survey) for _ in range(5)]

    first = await _sync(system, batch)
    again = await _sync(system, batch)

    assert [r.status for r in first] == [SyncStatus.CREATED] * 5
    assert [r.status for r in again] == [SyncStatus.DUPLICATE] * 5
    assert [r.response_id for r in again] == [r.response_id for r in first]
    assert await SurveyResponse.filter(survey_id=survey.id).count() == 5
    # 11 answered questions, two options for "services": 13 counted rows each, of which
    # three are free text (head_name, phone, services_note), also kept one by one.
    assert await _counted(survey.id) == 5 * 13
    assert await SurveyAnswer.filter(survey_id=survey.id).count() == 5 * 3


async def test_same_client_id_with_other_content_is_a_conflict_and_stores_nothing(
    system: Actor,
) -> None:
    survey = await published_survey(system)
    item = response(survey)
    await _sync(system, [item])
    changed = response(survey, {**GOOD_ANSWERS, "members": 5}, client_id=item.client_id)

    (result,) = await _sync(system, [changed])

    assert result.status == SyncStatus.CONFLICT
    assert result.errors[0].code == "CLIENT_ID_CONFLICT"
    stored = await SurveyResponse.get(client_id=item.client_id)
    assert stored.answers["members"] == 4


async def test_concurrent_duplicate_batches_store_each_response_exactly_once(
    system: Actor,
) -> None:
    survey = await published_survey(system)
    batch = [response(survey) for _ in range(20)]

    outcomes = await asyncio.gather(*(_sync(system, batch) for _ in range(4)))

    assert await SurveyResponse.filter(survey_id=survey.id).count() == 20
    for position in range(20):
        statuses = sorted(o[position].status for o in outcomes)
        assert statuses == [SyncStatus.CREATED] + [SyncStatus.DUPLICATE] * 3
    assert await _counted(survey.id) == 20 * 13
    assert await SurveyAnswer.filter(survey_id=survey.id).count() == 20 * 3


async def test_bad_items_are_rejected_one_by_one_and_the_rest_is_stored(system: Actor) -> None:
    survey = await published_survey(system)
    items = [
        response(survey),
        response(survey, version=9),
        response(survey, {**GOOD_ANSWERS, "members": "four"}),
        response(survey, {k: v for k, v in GOOD_ANSWERS.items() if k != "head_name"}),
        response(survey, {**GOOD_ANSWERS, "internet": False}),  # connection not relevant
        response(survey, unit="no-such-unit"),
        response(survey),
    ]
    items.append(response(survey, client_id="bad id!"))

    results = await _sync(system, items)

    assert [r.status.value for r in results] == [
        "CREATED",
        "REJECTED",
        "REJECTED",
        "REJECTED",
        "REJECTED",
        "REJECTED",
        "CREATED",
        "REJECTED",
    ]
    codes = [[(e.field, e.code) for e in r.errors] for r in results]
    assert codes[1] == [("version", "UNKNOWN_SURVEY_VERSION")]
    assert codes[2] == [("answers.members", "WRONG_ANSWER_TYPE")]
    assert codes[3] == [("answers.head_name", "REQUIRED")]
    assert codes[4] == [("answers.connection", "ANSWER_NOT_RELEVANT")]
    assert codes[5] == [("adminUnitCode", "ADMIN_UNIT_NOT_FOUND")]
    assert codes[7] == [("clientId", "INVALID_CLIENT_ID")]
    assert await SurveyResponse.filter(survey_id=survey.id).count() == 2


async def test_more_than_100_responses_is_an_error_for_the_call(system: Actor) -> None:
    survey = await published_survey(system)
    with pytest.raises(DomainError) as raised:
        await _sync(system, [response(survey) for _ in range(101)])
    assert raised.value.code == "TOO_MANY_RESPONSES"


async def test_versions_stay_answerable_until_close(system: Actor) -> None:
    survey = await published_survey(system)
    pages = [dict(p) for p in DEFINITION["pages"]]
    pages[0] = {
        **pages[0],
        "questions": [*pages[0]["questions"], ask("zalo", "YES_NO", "Zalo")],
    }
    await services.update(system, survey_id=survey.id, changes={"definition": {"pages": pages}})

    old = await _sync(system, [response(survey, version=1)])
    new = await _sync(system, [response(survey, {**GOOD_ANSWERS, "zalo": True}, version=2)])
    old_with_new_question = await _sync(system, [response(survey, {**GOOD_ANSWERS, "zalo": True})])
    await services.close(system, survey_id=survey.id)
    closed = await _sync(system, [response(survey, version=2)])
    resent = await _sync(system, [response(survey, version=1, client_id=old[0].client_id)])

    assert old[0].status == new[0].status == SyncStatus.CREATED
    assert old_with_new_question[0].errors[0].code == "UNKNOWN_QUESTION"
    assert closed[0].errors[0].code == "SURVEY_CLOSED"
    assert resent[0].status in (SyncStatus.DUPLICATE, SyncStatus.CONFLICT)
    assert await SurveyResponse.filter(survey_id=survey.id, version=2).count() == 1


BAD_ANSWERS = [
    ("head_name", "x" * 51, "INVALID_LENGTH"),
    ("phone", "12345", "PATTERN_MISMATCH"),
    ("members", 0, "NUMBER_OUT_OF_RANGE"),
    ("members", 2.5, "WRONG_ANSWER_TYPE"),
    ("adults", 9, "CONSTRAINT_FAILED"),
    ("income", -1, "NUMBER_OUT_OF_RANGE"),
    ("income", "12", "WRONG_ANSWER_TYPE"),
    ("internet", "yes", "WRONG_ANSWER_TYPE"),
    ("connection", "satellite", "INVALID_CHOICE"),
    ("connection", "other", "REQUIRED"),
    ("services", "vneid", "WRONG_ANSWER_TYPE"),
    ("services", ["vneid", "tv"], "INVALID_CHOICE"),
    ("visited_on", "01/07/2025", "WRONG_ANSWER_TYPE"),
    ("visited_on", "2025-02-30", "WRONG_ANSWER_TYPE"),
    ("satisfaction", 6, "NUMBER_OUT_OF_RANGE"),
    ("home", {"lat": 9.1, "lon": 105.1, "accuracy": 80}, "LOCATION_NOT_ACCURATE"),
    ("home", {"lat": 99, "lon": 105.1, "accuracy": 5}, "INVALID_LOCATION"),
    ("house_photo", "not-a-hash", "WRONG_ANSWER_TYPE"),
    ("intro", "text", "ANSWER_NOT_RELEVANT"),
    ("nonexistent", 1, "UNKNOWN_QUESTION"),
]


async def test_every_question_kind_and_constraint(system: Actor) -> None:
    survey = await published_survey(system)
    items = [response(survey, {**GOOD_ANSWERS, key: value}) for key, value, _ in BAD_ANSWERS]
    items.append(
        response(
            survey,
            {
                **GOOD_ANSWERS,
                "connection": "other",
                "connection_other": "Wi-Fi hàng xóm",
                "house_photo": "B" * 64,
            },
        )
    )
    items.append(response(survey, {**GOOD_ANSWERS, "services": ["vneid"], "services_note": "x"}))

    results = await _sync(system, items)

    for (key, _, code), result in zip(BAD_ANSWERS, results, strict=False):
        assert result.status == SyncStatus.REJECTED, key
        assert code in [e.code for e in result.errors], (key, [e.code for e in result.errors])
    assert results[-2].status == SyncStatus.CREATED
    stored = await SurveyResponse.get(id=results[-2].response_id)
    assert stored.answers["connection_other"] == "Wi-Fi hàng xóm"
    assert stored.photos_expected == 1 and not stored.is_complete
    assert results[-1].errors[0].code == "ANSWER_NOT_RELEVANT"  # note needs two services


@pytest.mark.parametrize(
    ("questions", "code"),
    [
        ([], "EMPTY_SURVEY"),
        ([ask("Bad Key", "TEXT", "A")], "INVALID_QUESTION_KEY"),
        ([ask("a", "TEXT", "A")] * 2, "DUPLICATE_QUESTION_KEY"),
        (
            [ask("a", "SINGLE_CHOICE", "A", choices="x")],
            "INVALID_CHOICES",
        ),
        ([ask("a", "TEXT", "A", pattern="(")], "INVALID_PATTERN"),
        ([ask("a", "TEXT", "A", maxLength="ten")], "INVALID_RANGE"),
        ([ask("a", "INTEGER", "A", min=5, max=1)], "INVALID_RANGE"),
        ([ask("a", "TEXT", "A", constraint="${a} >")], "INVALID_RULE"),
        ([ask("a", "WHATEVER", "A")], "INVALID_CHOICE"),
        ([{"key": "a", "kind": "TEXT"}], "REQUIRED"),
    ],
)
async def test_bad_definitions_are_refused(system: Actor, questions: list[Any], code: str) -> None:
    data = services.SurveyData(
        title="Khảo sát", admin_unit_code="96", definition={"pages": [{"questions": questions}]}
    )
    with pytest.raises(DomainError) as raised:
        await services.create(system, data=data)
    errors = getattr(raised.value, "errors", [raised.value])
    assert code in [e.code for e in errors]


async def test_a_response_repeated_inside_one_batch_is_stored_once(system: Actor) -> None:
    survey = await published_survey(system)
    item = response(survey)
    changed = response(survey, {**GOOD_ANSWERS, "members": 6}, client_id=item.client_id)

    results = await _sync(system, [item, item, changed])

    assert [r.status for r in results] == [
        SyncStatus.CREATED,
        SyncStatus.DUPLICATE,
        SyncStatus.CONFLICT,
    ]
    assert results[1].response_id == results[0].response_id
    assert await SurveyResponse.filter(client_id=item.client_id).count() == 1
