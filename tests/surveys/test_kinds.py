"""The question kinds real XLSForms use beyond the first thirteen: time, date-time,
barcode and acknowledge — checked by the server, summarised in results, carried by
XLSForm import and export."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from core.actor import Actor
from core.errors import DomainError, ValidationFailed
from i18n import translate
from surveys import results, services
from surveys.definition import check_answers, parse_form
from surveys.services import SurveyData
from surveys.sync import SyncStatus, sync_responses
from surveys.xlsform import read_xlsform
from surveys.xlsform_export import definition_to_xlsform
from tests.surveys.survey_data import question, response

TODAY = date(2025, 7, 1)
KINDS: dict[str, Any] = {
    "pages": [
        {
            "key": "visit",
            "questions": [
                question("at", "TIME", required=True),
                question("started", "DATETIME"),
                question("code", "BARCODE", maxLength=40),
                question("consent", "ACKNOWLEDGE", required=True),
                question("late", "TEXT", relevant="${at} > '17:00'"),
            ],
        }
    ]
}
GOOD = {"at": "18:30", "started": "2025-07-01T08:05", "code": "HH-0042", "consent": "OK"}


def test_good_answers_are_stored_as_sent() -> None:
    checked = check_answers(parse_form(KINDS), {**GOOD, "late": "mưa"}, today=TODAY)

    assert checked.errors == []
    assert checked.answers == {**GOOD, "late": "mưa"}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("at", "24:00"),
        ("at", "8:30"),
        ("at", "08:61"),
        ("at", 830),
        ("started", "2025-02-30T08:00"),
        ("started", "2025-07-01"),
        ("started", "2025-07-01T25:00"),
        ("consent", True),
        ("consent", "ok"),
        ("code", 42),
    ],
)
def test_wrong_answers_are_refused(key: str, value: Any) -> None:
    checked = check_answers(parse_form(KINDS), {**GOOD, key: value}, today=TODAY)

    assert [(e.code, e.field) for e in checked.errors] == [("WRONG_ANSWER_TYPE", f"answers.{key}")]


def test_limits_and_required_apply() -> None:
    checked = check_answers(
        parse_form(KINDS), {**GOOD, "code": "x" * 41, "consent": None}, today=TODAY
    )

    assert [(e.code, e.field) for e in checked.errors] == [
        ("INVALID_LENGTH", "answers.code"),
        ("REQUIRED", "answers.consent"),
    ]


def test_an_export_imports_back_with_the_new_kinds() -> None:
    content = definition_to_xlsform(KINDS, title="Thăm hộ", form_id="visit", version=1)
    mapped = read_xlsform(content)

    assert mapped.definition == copy.deepcopy(KINDS)
    assert mapped.losses == []


async def test_results_count_them(system: Actor) -> None:
    survey = await services.create(
        system, data=SurveyData(title="Thăm hộ", admin_unit_code="96", definition=KINDS)
    )
    survey = await services.publish(system, survey_id=survey.id)
    async with in_transaction():
        outcome = await sync_responses(
            system, items=[response(survey, GOOD), response(survey, {**GOOD, "at": "07:00"})]
        )
    assert [r.status for r in outcome] == [SyncStatus.CREATED] * 2

    found = {q.key: q for q in (await results.results(system, survey_id=survey.id)).questions}

    assert [(o.value, o.count) for o in found["consent"].options] == [("OK", 2)]
    assert (found["at"].answered, found["started"].answered, found["code"].answered) == (2, 2, 2)


def test_a_required_message_replaces_the_usual_one_in_both_languages() -> None:
    definition = copy.deepcopy(KINDS)
    consent = definition["pages"][0]["questions"][3]
    consent.update(requiredMessageVi="Cần chủ hộ đồng ý", requiredMessageEn="Consent needed")

    (error,) = check_answers(parse_form(definition), {**GOOD, "consent": None}, today=TODAY).errors

    assert translate("error.REQUIRED", "vi", **error.params) == (
        "Câu hỏi “Câu consent” cần được trả lời: Cần chủ hộ đồng ý"
    )
    assert translate("error.REQUIRED", "en", **error.params) == (
        "Question “Question consent” must be answered: Consent needed"
    )


@pytest.mark.parametrize(
    ("default", "fine"),
    [
        ("18:00", True),
        ("today()", True),
        ("${code}", False),  # a later question
        ("concat(", False),
        (5, False),
    ],
)
def test_defaults_are_text_and_a_dynamic_one_a_rule_over_earlier_answers(
    default: Any, fine: bool
) -> None:
    definition = copy.deepcopy(KINDS)
    definition["pages"][0]["questions"][0]["default"] = default

    if fine:
        parse_form(definition)
    else:
        with pytest.raises((DomainError, ValidationFailed)):
            parse_form(definition)


@pytest.mark.parametrize(("pixels", "fine"), [(1024, True), (63, False), ("1024", False)])
def test_a_photo_may_ask_for_fewer_pixels(pixels: Any, fine: bool) -> None:
    photo = {**question("front", "PHOTO"), "maxPixels": pixels}
    definition = {"pages": [{"questions": [photo]}]}

    if fine:
        parse_form(definition)
    else:
        with pytest.raises((DomainError, ValidationFailed)):
            parse_form(definition)


def test_a_required_condition_requires_the_answer_while_it_holds() -> None:
    definition = copy.deepcopy(KINDS)
    definition["pages"][0]["questions"][2]["required"] = "${at} > '17:00'"
    form = parse_form(definition)

    late = check_answers(form, {**GOOD, "code": None, "late": "mưa"}, today=TODAY).errors
    early = check_answers(form, {**GOOD, "at": "08:00", "code": None}, today=TODAY).errors

    assert [(e.code, e.field) for e in late] == [("REQUIRED", "answers.code")]
    assert early == []
    bad = copy.deepcopy(KINDS)
    bad["pages"][0]["questions"][0]["required"] = "${code} != ''"  # a later question
    with pytest.raises((DomainError, ValidationFailed)):
        parse_form(bad)


@pytest.mark.parametrize(
    ("kind", "value", "stored"),
    [
        ("GEOTRACE", "9.29 105.72;9.30 105.73 0 5", "9.29 105.72;9.30 105.73 0 5"),
        ("GEOTRACE", " 9.29 105.72 \n 9.30 105.73 ; ", "9.29 105.72;9.30 105.73"),
        ("GEOSHAPE", "1 1;1 2;2 2;1 1", "1 1;1 2;2 2;1 1"),
        ("GEOTRACE", "9.29 105.72", None),  # one point
        ("GEOSHAPE", "1 1;1 2;1 1", None),  # two distinct points
        ("GEOTRACE", "91 105;9 105", None),
        ("GEOTRACE", "9 105 0 -1;9 106", None),
        ("GEOTRACE", "9 x;9 106", None),
        ("GEOTRACE", ["9 105", "9 106"], None),
    ],
)
def test_traces_and_shapes_are_odk_text_of_enough_points(
    kind: str, value: Any, stored: str | None
) -> None:
    form = parse_form({"pages": [{"questions": [question("g", kind)]}]})

    checked = check_answers(form, {"g": value}, today=TODAY)

    if stored is None:
        assert [e.code for e in checked.errors] == ["INVALID_LOCATION"]
    else:
        assert checked.errors == []
        assert checked.answers == {"g": stored}


@pytest.mark.parametrize(
    ("value", "stored"),
    [(0, 0), (2.5, 2.5), (10, 10), (10.0, 10), (2.4, None), (12.5, None), (-2.5, None)],
)
def test_a_range_takes_a_number_on_its_steps(value: float, stored: float | None) -> None:
    slider = {**question("confidence", "RANGE"), "min": 0, "max": 10, "step": 2.5}
    form = parse_form({"pages": [{"questions": [slider]}]})

    checked = check_answers(form, {"confidence": value}, today=TODAY)

    if stored is None:
        assert [e.field for e in checked.errors] == ["answers.confidence"]
    else:
        assert checked.errors == [] and checked.answers == {"confidence": stored}


@pytest.mark.parametrize("change", [{"max": None}, {"step": 0}, {"step": 20}, {"step": "x"}])
def test_a_range_needs_bounds_and_a_positive_step(change: dict[str, Any]) -> None:
    slider = {**question("c", "RANGE"), "min": 0, "max": 10, **change}

    with pytest.raises((DomainError, ValidationFailed)):
        parse_form({"pages": [{"questions": [slider]}]})
