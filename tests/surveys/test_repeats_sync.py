"""Repeat groups through sync, photos, GraphQL, results and exports (decision 0035)."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
from tortoise.transactions import in_transaction

from core.actor import Actor, Role
from surveys import services
from surveys.models import Survey, SurveyAnswer, SurveyAnswerCount, SurveyResponse
from surveys.services import SurveyData
from surveys.sync import SyncStatus, sync_responses
from tests.helpers import gql, sign_in
from tests.surveys.survey_data import choices, question, response
from tests.surveys.test_graphql import PNG, SYNC, item

ROSTER: dict[str, Any] = {
    "pages": [
        {
            "key": "household",
            "titleVi": "Hộ",
            "questions": [
                question("village", "TEXT"),
                question("size", "INTEGER", required=True, min=1, max=10),
                {
                    **question("members", "REPEAT"),
                    "repeatCount": "${size}",
                    "maxCount": 10,
                    "questions": [
                        question("name", "TEXT", required=True),
                        question("sex", "SINGLE_CHOICE", choices=choices("f", "m")),
                        question("age", "INTEGER", required=True, min=0, max=120),
                        question("school", "YES_NO", relevant="${age} >= 6 and ${age} <= 18"),
                        question("portrait", "PHOTO"),
                        {"key": "adult", "kind": "CALCULATE", "calculation": "${age} >= 18"},
                    ],
                },
                {"key": "total_age", "kind": "CALCULATE", "calculation": "sum(${age})"},
            ],
        }
    ]
}
MEMBERS = [
    {"name": "Lan", "sex": "f", "age": 34},
    {"name": "Minh", "sex": "m", "age": 36},
    {"name": "Hoa", "sex": "f", "age": 10, "school": True},
]
ANSWERS = {"village": "Bản Phố", "size": 3, "members": MEMBERS}


async def roster_survey(actor: Actor) -> Survey:
    survey = await services.create(
        actor,
        data=SurveyData(title="Nhân khẩu hộ", admin_unit_code="96", definition=ROSTER),
    )
    return await services.publish(actor, survey_id=survey.id)


async def _sync(actor: Actor, items: list[Any]) -> list[Any]:
    async with in_transaction():
        return await sync_responses(actor, items=items)


async def test_a_roster_sent_twice_is_stored_once_with_its_instances_counted_once(
    system: Actor,
) -> None:
    survey = await roster_survey(system)
    item = response(survey, ANSWERS)

    first = await _sync(system, [item])
    again = await _sync(system, [item])

    assert [r.status for r in first] == [SyncStatus.CREATED]
    assert [r.status for r in again] == [SyncStatus.DUPLICATE]
    assert again[0].response_id == first[0].response_id
    stored = await SurveyResponse.get(client_id=item.client_id)
    assert [m["adult"] for m in stored.answers["members"]] == [True, True, False]
    assert stored.answers["total_age"] == 80
    sexes = await SurveyAnswerCount.filter(survey_id=survey.id, question_key="sex").values_list(
        "value_text", "n"
    )
    assert sorted(sexes) == [("f", 2), ("m", 1)]  # every member tallied, once
    names = await SurveyAnswer.filter(survey_id=survey.id, question_key="name").count()
    assert names == 3


async def test_a_refused_instance_refuses_its_item_only_and_names_the_instance(
    system: Actor,
) -> None:
    survey = await roster_survey(system)
    bad = [MEMBERS[0], {"name": "Minh", "age": 130}, MEMBERS[2]]
    good, refused, extra = (
        response(survey, ANSWERS),
        response(survey, {**ANSWERS, "members": bad}),
        response(survey, {**ANSWERS, "size": 2}),
    )

    results = await _sync(system, [good, refused, extra])

    assert [r.status for r in results] == [
        SyncStatus.CREATED,
        SyncStatus.REJECTED,
        SyncStatus.REJECTED,
    ]
    assert [(e.field, e.code) for e in results[1].errors] == [
        ("answers.members[1].age", "NUMBER_OUT_OF_RANGE")
    ]
    assert [(e.field, e.code, e.params["expected"]) for e in results[2].errors] == [
        ("answers.members", "REPEAT_COUNT_MISMATCH", 2)
    ]
    assert await SurveyResponse.filter(survey_id=survey.id).count() == 1


async def test_refusals_inside_instances_are_translated_over_graphql(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await roster_survey(system)
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    bad = {**ANSWERS, "members": [*MEMBERS[:2], {"name": "Hoa", "age": 10, "pet": "mèo"}]}

    vi = await gql(client, SYNC, {"input": {"responses": [item(survey.id, 1, bad)]}})
    en = await gql(
        client,
        SYNC,
        {"input": {"responses": [item(survey.id, 2, {**ANSWERS, "size": 4})]}},
        headers={"Accept-Language": "en"},
    )

    (refused,) = vi["data"]["syncSurveyResponses"]["results"]
    assert refused["result"] == "REJECTED"
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [
        ("answers.members[2].pet", "UNKNOWN_QUESTION")
    ]
    (mismatch,) = en["data"]["syncSurveyResponses"]["results"]
    assert mismatch["errors"] == [
        {
            "field": "answers.members",
            "code": "REPEAT_COUNT_MISMATCH",
            "message": "Repeat group “Question members” must have exactly 4 entries "
            "(from earlier answers), but the response has 3.",
        }
    ]


async def test_photos_inside_instances_are_expected_and_complete_the_response(
    client: httpx.AsyncClient, system: Actor
) -> None:
    survey = await roster_survey(system)
    other_png = PNG + b"\x01"
    first, second = hashlib.sha256(PNG).hexdigest(), hashlib.sha256(other_png).hexdigest()
    members = [{**MEMBERS[0], "portrait": first}, {**MEMBERS[1], "portrait": second}, MEMBERS[2]]
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    payload = item(survey.id, 1, {**ANSWERS, "members": members})
    synced = await gql(client, SYNC, {"input": {"responses": [payload]}})
    url = f"/uploads/survey-photos/{payload['clientId']}/portrait"
    raw = {"content-type": "application/octet-stream"}

    one = await client.post(url, content=PNG, headers=raw)
    stranger = await client.post(url, content=PNG + b"\x02", headers=raw)
    two = await client.post(url, content=other_png, headers=raw)

    assert synced["data"]["syncSurveyResponses"]["results"][0]["isComplete"] is False
    assert one.status_code == 201 and one.json()["isComplete"] is False
    assert stranger.status_code == 409
    assert stranger.json()["errors"][0]["code"] == "PHOTO_NOT_EXPECTED"
    assert "Câu portrait" in stranger.json()["errors"][0]["message"]
    assert two.status_code == 201 and two.json()["isComplete"] is True
    stored = await SurveyResponse.get(client_id=payload["clientId"])
    assert (stored.photos_expected, stored.photos_received) == (2, 2)


NESTED: dict[str, Any] = {
    "pages": [
        {
            "key": "land",
            "questions": [
                question("village", "TEXT"),
                {
                    **question("households", "REPEAT"),
                    "questions": [
                        question("head", "TEXT", required=True),
                        {
                            **question("plots_of_the_household_in_the_commune", "REPEAT"),
                            "questions": [
                                question("area", "DECIMAL", required=True),
                                question("crop", "SINGLE_CHOICE", choices=choices("rice", "fruit")),
                            ],
                        },
                    ],
                },
                {
                    **question("plots_of_the_household_in_the_commune_2", "REPEAT"),
                    "questions": [question("note", "TEXT")],
                },
            ],
        }
    ]
}
LAND = {
    "village": "Bản Phố",
    "households": [
        {
            "head": "Lan",
            "plots_of_the_household_in_the_commune": [
                {"area": 1.5, "crop": "rice"},
                {"area": 0.5, "crop": "fruit"},
            ],
        },
        {"head": "Minh", "plots_of_the_household_in_the_commune": [{"area": 2, "crop": "rice"}]},
        {"head": "Hoa"},
    ],
}


async def _synced(system: Actor, definition: dict[str, Any], answers: list[Any]) -> Survey:
    survey = await services.create(
        system, data=SurveyData(title="Lặp", admin_unit_code="96", definition=definition)
    )
    survey = await services.publish(system, survey_id=survey.id)
    outcome = await _sync(system, [response(survey, a) for a in answers])
    assert [r.status for r in outcome] == [SyncStatus.CREATED] * len(answers)
    return survey


async def test_results_count_every_instance_in_a_constant_number_of_queries(
    system: Actor, count_queries: Any
) -> None:
    from surveys import results

    survey = await _synced(
        system, ROSTER, [ANSWERS, {**ANSWERS, "size": 1, "members": [MEMBERS[1]]}]
    )
    land = await _synced(system, NESTED, [LAND])

    count_queries.queries.clear()
    found = await results.results(system, survey_id=survey.id)
    roster_queries = len(count_queries)
    count_queries.queries.clear()
    plots = await results.results(system, survey_id=land.id)
    land_queries = len(count_queries)

    by_key = {q.key: q for q in found.questions}
    assert found.responses == 2
    assert "members" not in by_key  # the repeat itself has no result; its questions do
    assert by_key["sex"].repeat == "members" and by_key["size"].repeat is None
    assert by_key["sex"].answered == 4
    assert [(o.value, o.count, o.percent) for o in by_key["sex"].options] == [
        ("f", 2, 50.0),
        ("m", 2, 50.0),
    ]
    ages = by_key["age"].numbers
    assert ages is not None and (ages.count, ages.mean, ages.minimum, ages.maximum) == (
        4,
        29.0,
        10.0,
        36.0,
    )
    assert by_key["school"].answered == 1 and by_key["name"].answered == 4
    assert by_key["adult"].answered == 4
    land_by_key = {q.key: q for q in plots.questions}
    assert land_by_key["area"].repeat == "plots_of_the_household_in_the_commune"
    area = land_by_key["area"].numbers
    assert area is not None and (area.count, area.mean) == (3, 1.3333)
    assert [(o.value, o.count) for o in land_by_key["crop"].options] == [("rice", 2), ("fruit", 1)]
    assert roster_queries == land_queries == 7, count_queries.queries


async def test_exports_add_one_sheet_per_repeat_with_its_instances(
    system: Actor, count_queries: Any
) -> None:
    import csv
    import io

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    from surveys import exports

    survey = await _synced(
        system,
        NESTED,
        [
            LAND,
            {"village": "Bản Mới"},
            {**LAND, "plots_of_the_household_in_the_commune_2": [{"note": "=1+1"}]},
        ],
    )

    count_queries.queries.clear()
    as_xlsx = await exports.export_responses(system, survey_id=survey.id, fmt="xlsx")
    xlsx_queries = len(count_queries)
    as_csv = await exports.export_responses(system, survey_id=survey.id, fmt="csv")

    book = load_workbook(io.BytesIO(as_xlsx))
    assert book.sheetnames == [
        "responses",
        "households",
        "plots_of_the_household_in_the_c",
        "plots_of_the_household_in_the~2",
    ]
    responses = [[c.value for c in row] for row in book["responses"].iter_rows()]
    client_ids = [r[0] for r in responses[1:]]
    assert responses[0][-3:] == [
        "Câu village [village]",
        "Câu households (số lần) [households]",
        "Câu plots_of_the_household_in_the_commune_2 (số lần) "
        "[plots_of_the_household_in_the_commune_2]",
    ]
    assert [r[-2:] for r in responses[1:]] == [[3, 0], [0, 0], [3, 1]]
    households = [[c.value for c in row] for row in book["households"].iter_rows()]
    assert households[0] == [
        "_index",
        "_parent_index",
        "Mã phiếu [client_id]",
        "Câu head [head]",
        "Câu plots_of_the_household_in_the_commune (số lần) "
        "[plots_of_the_household_in_the_commune]",
    ]
    assert households[1:] == [
        [1, 1, client_ids[0], "Lan", 2],
        [2, 1, client_ids[0], "Minh", 1],
        [3, 1, client_ids[0], "Hoa", 0],
        [4, 3, client_ids[2], "Lan", 2],
        [5, 3, client_ids[2], "Minh", 1],
        [6, 3, client_ids[2], "Hoa", 0],
    ]
    plots = [[c.value for c in row] for row in book["plots_of_the_household_in_the_c"].iter_rows()]
    assert plots[0][3:] == ["Câu area [area]", "Câu crop [crop]"]
    assert plots[1:] == [
        [1, 1, client_ids[0], 1.5, "rice"],
        [2, 1, client_ids[0], 0.5, "fruit"],
        [3, 2, client_ids[0], 2, "rice"],
        [4, 4, client_ids[2], 1.5, "rice"],
        [5, 4, client_ids[2], 0.5, "fruit"],
        [6, 5, client_ids[2], 2, "rice"],
    ]
    notes = [[c.value for c in row] for row in book["plots_of_the_household_in_the~2"].iter_rows()]
    assert notes[1:] == [[1, 3, client_ids[2], "=1+1"]]  # text, not a formula
    rows = list(csv.reader(io.StringIO(as_csv.decode("utf-8-sig"))))
    assert [r[-2:] for r in rows[1:]] == [["3", "0"], ["0", "0"], ["3", "1"]]
    # the survey, its version, one page of responses, the audit record: no query per row
    assert xlsx_queries == 4, count_queries.queries
