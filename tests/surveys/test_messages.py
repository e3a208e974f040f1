"""Refusals of survey answers and definitions name the question by its label (what a
person reads), in the caller's language, and a refused choice lists the accepted values."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from core.actor import Actor, Role
from tests.helpers import gql, sign_in
from tests.surveys.survey_data import GOOD_ANSWERS, published_survey
from tests.surveys.test_graphql import CREATE, SYNC, item

VI = {"accept-language": "vi"}
EN = {"accept-language": "en"}


async def _rejected(
    client: httpx.AsyncClient, survey_id: int, answers: dict[str, Any], headers: dict[str, str]
) -> list[dict[str, Any]]:
    body = await gql(
        client, SYNC, {"input": {"responses": [item(survey_id, 7, answers)]}}, headers=headers
    )
    (result,) = body["data"]["syncSurveyResponses"]["results"]
    assert result["result"] == "REJECTED"
    errors: list[dict[str, Any]] = result["errors"]
    return errors


@pytest.mark.parametrize(
    ("answers", "headers", "field", "message"),
    [
        (
            {**GOOD_ANSWERS, "connection": "satellite"},
            VI,
            "answers.connection",
            "Lựa chọn cho câu hỏi “Câu connection” không hợp lệ. "
            "Các giá trị được chấp nhận: fiber, mobile, none, other.",
        ),
        (
            {**GOOD_ANSWERS, "services": ["vneid", "bank"]},
            EN,
            "answers.services",
            "The choice for question “Question services” is not allowed. "
            "Accepted values: vneid, portal, cashless, other.",
        ),
        (
            {**GOOD_ANSWERS, "members": "bốn"},
            VI,
            "answers.members",
            "Câu trả lời cho câu hỏi “Câu members” không đúng kiểu dữ liệu.",
        ),
        (
            {**GOOD_ANSWERS, "head_name": ""},
            EN,
            "answers.head_name",
            "Question “Question head_name” must be answered.",
        ),
        (
            {**GOOD_ANSWERS, "members": 99},
            VI,
            "answers.members",
            "Câu trả lời cho câu hỏi “Câu members” phải từ 1 đến 30.",
        ),
        (
            {**GOOD_ANSWERS, "internet": False},
            EN,
            "answers.connection",
            "Question “Question connection” does not apply given the earlier answers, "
            "so it must not be answered.",
        ),
        (
            {**GOOD_ANSWERS, "phone": "12345"},
            VI,
            "answers.phone",
            "Câu trả lời cho câu hỏi “Câu phone” không đúng định dạng. Số điện thoại có 10 chữ số.",
        ),
        (
            {**GOOD_ANSWERS, "adults": 9},
            VI,
            "answers.adults",
            "Câu trả lời cho câu hỏi “Câu adults” không thỏa điều kiện. Không quá số thành viên.",
        ),
    ],
)
async def test_a_rejected_answer_names_its_question_by_label(
    client: httpx.AsyncClient,
    system: Actor,
    answers: dict[str, Any],
    headers: dict[str, str],
    field: str,
    message: str,
) -> None:
    survey = await published_survey(system)
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")

    errors = await _rejected(client, survey.id, answers, headers)

    assert [(e["field"], e["message"]) for e in errors] == [(field, message)]


async def test_a_refused_definition_names_the_question_by_label_and_lists_the_kinds(
    client: httpx.AsyncClient, system: Actor
) -> None:
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "96")
    questions = [
        {"key": "vneid", "kind": "YES_NO", "labelVi": "Có VNeID?", "labelEn": "Has VNeID?"},
        {"key": "app", "kind": "SLIDER", "labelVi": "Ứng dụng"},
        {"key": "level", "kind": "SINGLE_CHOICE", "labelVi": "Mức độ", "choices": []},
        {"key": "why", "kind": "TEXT", "labelVi": "Lý do", "relevant": "${vneid} = "},
    ]
    definition = {"pages": [{"questions": questions}]}

    vi = await gql(
        client,
        CREATE,
        {"input": {"title": "Khảo sát", "adminUnitCode": "96", "definition": definition}},
        headers=VI,
    )

    errors = {e["field"]: e["message"] for e in vi["data"]["createSurvey"]["errors"]}
    assert errors["pages.0.questions.1.kind"] == (
        "Lựa chọn cho câu hỏi “Ứng dụng” không hợp lệ. Các giá trị được chấp nhận: TEXT, "
        "LONG_TEXT, INTEGER, DECIMAL, SINGLE_CHOICE, MULTIPLE_CHOICE, DATE, RATING, YES_NO, "
        "LOCATION, PHOTO, NOTE, CALCULATE, TIME, DATETIME, BARCODE, ACKNOWLEDGE, GEOTRACE, "
        "GEOSHAPE, RANGE, REPEAT, AUDIO, FILE."
    )
    assert errors["pages.0.questions.2.choices"].startswith(
        "Các lựa chọn của câu hỏi “Mức độ” không hợp lệ"
    )
    assert errors["pages.0.questions.3.relevant"].startswith(
        "Điều kiện của câu hỏi “Lý do” không hợp lệ: "
    )
