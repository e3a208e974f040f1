"""CALCULATE questions: checked in the definition, computed again by the server from the
answers it accepted (the device's value only feeds ``once()``), usable in later rules,
stored with the response and shown in results and exports."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from core.actor import Actor
from core.clock import VIETNAM, utcnow
from core.errors import DomainError, ValidationFailed
from surveys import exports, results, services
from surveys.definition import check_answers, parse_form
from surveys.models import SurveyAnswerCount, SurveyResponse
from surveys.services import SurveyData
from surveys.sync import SyncStatus, sync_responses
from tests.surveys.survey_data import question, response

TODAY = date(2025, 7, 1)

CALC_DEFINITION: dict[str, Any] = {
    "pages": [
        {
            "key": "p1",
            "questions": [
                question("adults", "INTEGER", required=True),
                question("children", "INTEGER"),
                {
                    "key": "total",
                    "kind": "CALCULATE",
                    "calculation": "${adults} + coalesce(${children}, 0)",
                },
                question("dob", "DATE"),
                {
                    "key": "age",
                    "kind": "CALCULATE",
                    "calculation": "int((today() - ${dob}) div 365.25)",
                    "relevant": "${dob} != ''",
                },
                {"key": "stamp", "kind": "CALCULATE", "calculation": "once(today())"},
                {
                    "key": "label",
                    "kind": "CALCULATE",
                    "labelVi": "Quy mô hộ",
                    "calculation": "if(${total} > 4, 'lớn', 'nhỏ')",
                },
                question("rooms", "INTEGER", constraint=". <= ${total}"),
                question("big_note", "TEXT", relevant="${label} = 'lớn'"),
                {"key": "broken", "kind": "CALCULATE", "calculation": "${adults} div 0"},
            ],
        }
    ]
}


def _check(answers: dict[str, Any]) -> Any:
    return check_answers(parse_form(CALC_DEFINITION), answers, today=TODAY)


def test_the_server_computes_every_calculation_and_ignores_the_devices_value() -> None:
    checked = _check({"adults": 2, "children": 3, "dob": "1990-07-02", "total": 99})

    assert checked.errors == []
    assert checked.answers["total"] == 5
    assert checked.answers["age"] == 34
    assert checked.answers["label"] == "lớn"
    assert "broken" not in checked.answers  # a failed calculation is left empty
    assert ("total", "5", 5.0) in checked.rows and ("label", "lớn", None) in checked.rows


def test_once_keeps_the_value_the_device_computed_first() -> None:
    kept = _check({"adults": 1, "stamp": "2025-06-30"})
    fresh = _check({"adults": 1})

    assert kept.answers["stamp"] == "2025-06-30"
    assert fresh.answers["stamp"] == "2025-07-01"


def test_calculations_drive_later_relevance_and_constraints() -> None:
    small = _check({"adults": 1, "children": 1, "rooms": 3, "big_note": "x"})

    assert {e.code for e in small.errors} == {"CONSTRAINT_FAILED", "ANSWER_NOT_RELEVANT"}
    assert {e.field for e in small.errors} == {"answers.rooms", "answers.big_note"}
    big = _check({"adults": 4, "children": 1, "rooms": 3, "big_note": "x"})
    assert big.errors == [] and big.answers["big_note"] == "x"


def test_an_irrelevant_calculation_is_not_stored_and_may_not_be_sent() -> None:
    quiet = _check({"adults": 2})
    sent = _check({"adults": 2, "age": 30})

    assert "age" not in quiet.answers
    assert [e.code for e in sent.errors] == ["ANSWER_NOT_RELEVANT"]


def test_now_is_the_time_of_collection() -> None:
    definition = {
        "pages": [{"questions": [{"key": "at", "kind": "CALCULATE", "calculation": "now()"}]}]
    }
    collected = datetime.fromisoformat("2025-07-01T08:30:00+07:00")

    checked = check_answers(parse_form(definition), {}, today=TODAY, now=collected)

    assert checked.answers["at"] == "2025-07-01T08:30:00.000+07:00"


@pytest.mark.parametrize(
    ("calc", "field", "code"),
    [
        ({"calculation": ""}, "calculation", "REQUIRED"),
        ({"calculation": "${later} + 1"}, "calculation", "INVALID_RULE"),
        ({"calculation": ". + 1"}, "calculation", "INVALID_RULE"),
        ({"calculation": "nope(1)"}, "calculation", "INVALID_RULE"),
    ],
)
def test_bad_calculations_are_refused(calc: dict[str, Any], field: str, code: str) -> None:
    definition = {
        "pages": [
            {
                "questions": [
                    {"key": "c", "kind": "CALCULATE", **calc},
                    question("later", "INTEGER"),
                ]
            }
        ]
    }

    with pytest.raises((DomainError, ValidationFailed)) as raised:
        parse_form(definition)

    error = raised.value
    found = error.errors[0] if isinstance(error, ValidationFailed) else error
    assert (found.code, found.field) == (code, f"pages.0.questions.0.{field}")


async def test_sync_stores_the_servers_value_and_results_and_exports_show_it(
    system: Actor,
) -> None:
    survey = await services.create(
        system,
        data=SurveyData(title="Hộ và nhân khẩu", admin_unit_code="96", definition=CALC_DEFINITION),
    )
    survey = await services.publish(system, survey_id=survey.id)
    items = [
        response(survey, {"adults": 2, "children": 3, "total": 7}),
        response(survey, {"adults": 1}),
    ]

    async with in_transaction():
        outcome = await sync_responses(system, items=items)

    assert [r.status for r in outcome] == [SyncStatus.CREATED] * 2
    stored = {
        r.client_id: r.answers for r in await SurveyResponse.filter(survey_id=survey.id).all()
    }
    assert stored[items[0].client_id]["total"] == 5  # the server's value, not the device's 7
    assert stored[items[1].client_id]["total"] == 1
    assert stored[items[1].client_id]["label"] == "nhỏ"
    counted = await SurveyAnswerCount.filter(survey_id=survey.id, question_key="total").count()
    assert counted == 2
    found = {q.key: q for q in (await results.results(system, survey_id=survey.id)).questions}
    total = found["total"].numbers
    assert total is not None and (total.count, total.mean, total.maximum) == (2, 3.0, 5.0)
    assert found["label"].answered == 2 and found["label"].numbers is None
    exported = await exports.export_responses(system, survey_id=survey.id, fmt="csv")
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    column = rows[0].index("total [total]")
    assert sorted(row[column] for row in rows[1:]) == ["1", "5"]
    assert "Quy mô hộ [label]" in rows[0]


async def test_today_and_now_in_a_synced_rule_are_vietnams_at_collection(
    system: Actor,
) -> None:
    """Collected at 06:30 in Cà Mau, which is still the day before in UTC: an answer of
    that morning's date passes ``. <= today()`` as it did on the phone, and the next day
    does not; ``now()`` is computed again as the phone's wall clock read."""
    definition = {
        "pages": [
            {
                "questions": [
                    question("visited", "DATE", constraint=". <= today()"),
                    {"key": "at", "kind": "CALCULATE", "calculation": "now()"},
                ]
            }
        ]
    }
    survey = await services.create(
        system, data=SurveyData(title="Thăm hộ", admin_unit_code="96", definition=definition)
    )
    survey = await services.publish(system, survey_id=survey.id)
    collected = (utcnow() - timedelta(days=1)).replace(hour=23, minute=30, second=0, microsecond=0)
    morning = collected.astimezone(VIETNAM).date()
    assert morning == collected.date() + timedelta(days=1)
    items = [
        response(survey, {"visited": day.isoformat()}, collected_at=collected)
        for day in (morning, morning + timedelta(days=1))
    ]

    async with in_transaction():
        outcome = await sync_responses(system, items=items)

    assert outcome[0].status == SyncStatus.CREATED
    assert outcome[1].status != SyncStatus.CREATED
    assert [e.code for e in outcome[1].errors] == ["CONSTRAINT_FAILED"]
    stored = await SurveyResponse.get(client_id=items[0].client_id)
    assert stored.answers["at"] == f"{morning.isoformat()}T06:30:00.000+07:00"
    exported = await exports.export_responses(system, survey_id=survey.id, fmt="csv")
    header, row = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    assert row[header.index("Thời điểm thu thập [collected_at]")] == (
        f"{morning.isoformat()}T06:30:00+07:00"
    )
