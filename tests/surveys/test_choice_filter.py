"""Cascading choices (decision 0033): a choice list's extra columns, a question's
``choiceFilter`` over them, checked in the definition and by the server, which refuses
a choice the filter does not offer; long lists are accepted."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest
from tortoise.transactions import in_transaction

from core.actor import Actor, Role
from core.errors import DomainError, ValidationFailed
from i18n import translate
from surveys import exports, services
from surveys.definition import check_answers, offered, parse_form
from surveys.services import SurveyData
from surveys.sync import SyncStatus, sync_responses
from tests.helpers import gql, sign_in
from tests.surveys.survey_data import question, response
from tests.surveys.test_graphql import SYNC, item

TODAY = date(2025, 7, 1)


def place(value: str, label: str, **columns: str) -> dict[str, Any]:
    return {"value": value, "labelVi": label, "columns": columns}


CASCADE: dict[str, Any] = {
    "pages": [
        {
            "key": "p1",
            "questions": [
                question(
                    "province",
                    "SINGLE_CHOICE",
                    required=True,
                    choices=[place("86", "Vĩnh Long"), place("89", "An Giang")],
                ),
                question(
                    "district",
                    "SINGLE_CHOICE",
                    required=True,
                    choices=[
                        place("855", "TP Vĩnh Long", province="86"),
                        place("857", "Long Hồ", province="86"),
                        place("883", "Long Xuyên", province="89"),
                    ],
                    choiceFilter="province = ${province}",
                ),
                question(
                    "crops",
                    "MULTIPLE_CHOICE",
                    allowOther=True,
                    choices=[
                        place("rice", "Lúa", zone="all"),
                        place("mango", "Xoài", zone="86"),
                        place("fish", "Cá", zone="89"),
                    ],
                    choiceFilter="zone = 'all' or zone = ${province}",
                ),
            ],
        }
    ]
}


def test_the_filter_offers_the_choices_of_the_earlier_answer() -> None:
    form = parse_form(CASCADE)
    district, crops = form.by_key["district"], form.by_key["crops"]

    assert offered(district, {"province": "86"}, TODAY) == ["855", "857"]
    assert offered(district, {"province": "89"}, TODAY) == ["883"]
    assert offered(district, {}, TODAY) == []
    assert offered(crops, {"province": "89"}, TODAY) == ["rice", "fish"]
    assert offered(form.by_key["province"], {}, TODAY) == ["86", "89"]


def test_the_server_accepts_offered_choices_and_refuses_the_others() -> None:
    form = parse_form(CASCADE)

    fine = check_answers(
        form,
        {"province": "86", "district": "857", "crops": ["mango", "other"], "crops_other": "Dừa"},
        today=TODAY,
    )
    wrong = check_answers(
        form, {"province": "86", "district": "883", "crops": ["fish", "rice"]}, today=TODAY
    )

    assert fine.errors == []
    assert fine.answers["district"] == "857"
    assert [(e.code, e.field) for e in wrong.errors] == [
        ("INVALID_CHOICE", "answers.district"),
        ("INVALID_CHOICE", "answers.crops"),
    ]
    assert wrong.errors[0].params["accepted"] == "855, 857"
    assert wrong.errors[1].params["accepted"] == "rice, mango, other"
    assert (
        translate("error.INVALID_CHOICE.accepted", "en", **wrong.errors[0].params).count("855, 857")
        == 1
    )


def test_a_refused_parent_skips_the_filter_of_its_children() -> None:
    form = parse_form(CASCADE)

    checked = check_answers(form, {"province": "99", "district": "883"}, today=TODAY)

    # the province is refused; the district is not judged against a province not accepted
    assert [e.field for e in checked.errors] == ["answers.province"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"choiceFilter": "province = ${later}"}, "choiceFilter"),
        ({"choiceFilter": "province = "}, "choiceFilter"),
        ({"choiceFilter": "province = ."}, "choiceFilter"),
        ({"choices": [{"value": "a", "labelVi": "A", "columns": {"name": "x"}}]}, "choices"),
        ({"choices": [{"value": "a", "labelVi": "A", "columns": {"p": 3}}]}, "choices"),
        ({"choices": [{"value": "a", "labelVi": "A", "columns": {"p q": "3"}}]}, "choices"),
        ({"choices": [{"value": "a", "labelVi": "A", "columns": ["p"]}]}, "choices"),
    ],
)
def test_bad_filters_and_columns_are_refused(change: dict[str, Any], field: str) -> None:
    definition = {
        "pages": [
            {
                "questions": [
                    question("province", "TEXT"),
                    {**question("d", "SINGLE_CHOICE", choices=[place("a", "A")]), **change},
                    question("later", "TEXT"),
                ]
            }
        ]
    }

    with pytest.raises((DomainError, ValidationFailed)) as raised:
        parse_form(definition)

    error = raised.value
    found = error.errors[0] if isinstance(error, ValidationFailed) else error
    assert found.field == f"pages.0.questions.1.{field}"


def test_a_filter_on_a_question_without_choices_is_refused() -> None:
    definition = {"pages": [{"questions": [question("t", "TEXT", choiceFilter="a = 1")]}]}

    with pytest.raises((DomainError, ValidationFailed)):
        parse_form(definition)


def test_long_lists_are_carried() -> None:
    communes = [place(f"{n:05d}", f"Xã {n}", district=str(n // 10)) for n in range(3500)]
    definition = {
        "pages": [
            {
                "questions": [
                    question("district", "TEXT"),
                    question(
                        "commune",
                        "SINGLE_CHOICE",
                        choices=communes,
                        choiceFilter="district = ${district}",
                    ),
                ]
            }
        ]
    }
    form = parse_form(definition)

    assert len(offered(form.by_key["commune"], {"district": "42"}, TODAY)) == 10
    assert check_answers(form, {"district": "42", "commune": "00425"}, today=TODAY).errors == []
    refused = check_answers(form, {"district": "42", "commune": "00435"}, today=TODAY).errors
    assert [e.code for e in refused] == ["INVALID_CHOICE"]


async def test_sync_refuses_a_choice_the_filter_does_not_offer(system: Actor) -> None:
    survey = await services.create(
        system, data=SurveyData(title="Thôn", admin_unit_code="96", definition=CASCADE)
    )
    survey = await services.publish(system, survey_id=survey.id)
    items = [
        response(survey, {"province": "89", "district": "883"}),
        response(survey, {"province": "89", "district": "855"}),
    ]

    async with in_transaction():
        outcome = await sync_responses(system, items=items)

    assert [r.status for r in outcome] == [SyncStatus.CREATED, SyncStatus.REJECTED]
    assert [(e.code, e.field) for e in outcome[1].errors] == [
        ("INVALID_CHOICE", "answers.district")
    ]


PIPED: dict[str, Any] = {
    "pages": [
        {
            "questions": [
                question("head", "TEXT", labelVi="Tên chủ hộ", labelEn="Head"),
                *CASCADE["pages"][0]["questions"][:2],
                question(
                    "sleeping",
                    "INTEGER",
                    labelVi="Số người ngủ tại nhà ${head} ở ${district}",
                    labelEn="People sleeping at ${head}'s in ${district}",
                    max=9,
                ),
            ]
        }
    ]
}


@pytest.mark.parametrize(
    ("headers", "messages"),
    [
        (
            {"accept-language": "vi"},
            [
                "Lựa chọn cho câu hỏi “Câu district” không hợp lệ. "
                "Các giá trị được chấp nhận: 883.",
                "Câu trả lời cho câu hỏi “Số người ngủ tại nhà Hoa ở ” phải từ … đến 9.",
            ],
        ),
        (
            {"accept-language": "en"},
            [
                "The choice for question “Question district” is not allowed. Accepted values: 883.",
                "The answer to question “People sleeping at Hoa's in ” must be between … and 9.",
            ],
        ),
    ],
)
async def test_refusals_over_graphql_list_what_the_filter_offers_and_pipe_labels(
    client: httpx.AsyncClient, system: Actor, headers: dict[str, str], messages: list[str]
) -> None:
    survey = await services.create(
        system, data=SurveyData(title="Hộ gia đình", admin_unit_code="96", definition=PIPED)
    )
    survey = await services.publish(system, survey_id=survey.id)
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    answers = {"head": "Hoa", "province": "89", "district": "855", "sleeping": 12}

    body = await gql(
        client, SYNC, {"input": {"responses": [item(survey.id, 1, answers)]}}, headers=headers
    )

    (result,) = body["data"]["syncSurveyResponses"]["results"]
    assert result["result"] == "REJECTED"
    assert [e["message"] for e in result["errors"]] == messages


async def test_export_headers_show_a_piped_label_without_its_reference(system: Actor) -> None:
    survey = await services.create(
        system, data=SurveyData(title="Hộ gia đình", admin_unit_code="96", definition=PIPED)
    )
    survey = await services.publish(system, survey_id=survey.id)

    exported = await exports.export_responses(system, survey_id=survey.id, fmt="csv")

    header = exported.decode("utf-8-sig").splitlines()[0]
    assert "Số người ngủ tại nhà … ở … [sleeping]" in header
