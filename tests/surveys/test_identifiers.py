"""Question names and choice values as XLSForm allows them (issue 16 item 3): stored as
given, and unambiguous inside the rule language."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from tortoise.transactions import in_transaction

from core.actor import Actor
from core.errors import DomainError, NotFound, ValidationFailed
from surveys import results, services
from surveys.definition import check_answers, parse_form
from surveys.services import SurveyData
from surveys.sync import SyncStatus, sync_responses
from tests.surveys.survey_data import ask, options, response

TODAY = date(2026, 11, 30)


def _form(*questions: dict[str, Any]) -> dict[str, Any]:
    return {"pages": [{"key": "p1", "questions": list(questions)}]}


def _codes(definition: dict[str, Any]) -> list[str]:
    try:
        parse_form(definition)
    except ValidationFailed as failed:
        return [e.code for e in failed.errors]
    except DomainError as error:
        return [error.code]
    return []


HOUSEHOLD = _form(
    ask("hhHead_name", "TEXT", "Chủ hộ"),
    ask(
        "opening",
        "SINGLE_CHOICE",
        "Giờ mở cửa",
        choices=options(("24/7", "Cả ngày"), ("-99", "Không rõ")),
    ),
    ask("why_other", "TEXT", "Vì sao", relevant="${opening} = '-99'"),
    ask("age-y.1", "INTEGER", "Tuổi", relevant="${opening} = '24/7' and ${hhHead_name} != ''"),
)


def test_xlsform_names_and_values_are_accepted_as_given() -> None:
    form = parse_form(HOUSEHOLD)

    assert [q.key for q in form.questions] == ["hhHead_name", "opening", "why_other", "age-y.1"]
    assert form.by_key["opening"].choices == ("24/7", "-99")
    assert form.answer_keys == {"hhHead_name", "opening", "why_other", "age-y.1"}


def test_rules_read_names_case_sensitively_and_values_as_quoted_literals() -> None:
    form = parse_form(HOUSEHOLD)

    checked = check_answers(
        form,
        {"hhHead_name": "Lan", "opening": "-99", "why_other": "mất điện"},
        today=TODAY,
    )
    refused = check_answers(form, {"opening": "-99", "age-y.1": 40}, today=TODAY)
    counted = check_answers(
        form, {"hhHead_name": "Lan", "opening": "24/7", "age-y.1": 40}, today=TODAY
    )

    assert checked.errors == []
    assert checked.answers == {"hhHead_name": "Lan", "opening": "-99", "why_other": "mất điện"}
    assert [e.code for e in refused.errors] == ["ANSWER_NOT_RELEVANT"]
    assert counted.errors == [] and counted.answers["age-y.1"] == 40


def test_a_reference_in_another_case_is_not_the_same_question() -> None:
    definition = _form(
        ask("hhName", "TEXT", "Tên"),
        ask("b", "TEXT", "B", relevant="${hhname} != ''"),
    )

    assert _codes(definition) == ["INVALID_RULE"]


def test_a_name_ending_in_other_collides_only_with_an_other_answer() -> None:
    choice = ask("src", "SINGLE_CHOICE", "Nguồn", choices=options(("tv", "TV")), allowOther=True)
    text = ask("src_other", "TEXT", "Khác")

    assert _codes(_form(choice, text)) == ["INVALID_QUESTION_KEY"]
    assert _codes(_form({**choice, "allowOther": False}, text)) == []
    form = parse_form(_form(choice))
    assert form.answer_keys == {"src", "src_other"}


@pytest.mark.parametrize(
    ("key", "accepted"),
    [
        ("hhMember", True),
        ("_private", True),
        ("a.b-c_d", True),
        ("x" * 100, True),
        ("x" * 101, False),
        ("1abc", False),
        ("has space", False),
        ("tên", False),
        ("a$b", False),
    ],
)
def test_question_names(key: str, accepted: bool) -> None:
    codes = _codes(_form({"key": key, "kind": "TEXT", "labelVi": "A"}))

    assert codes == ([] if accepted else ["INVALID_QUESTION_KEY"])


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("-99", True),
        ("24/7", True),
        ("Ha_Noi", True),
        ("1.5", True),
        ("x" * 100, True),
        ("x" * 101, False),
        ("two words", False),
        ("it's", False),
        ('say"', False),
        ("", False),
    ],
)
def test_choice_values(value: str, accepted: bool) -> None:
    question = ask("q", "MULTIPLE_CHOICE", "Q", choices=[{"value": value, "labelVi": "A"}])

    assert _codes(_form(question)) == ([] if accepted else ["INVALID_CHOICES"])


LONG = "hhMember_" + "x" * 91  # 100 characters, the longest name


@pytest.mark.db
async def test_xlsform_names_sync_and_their_text_answers_are_read_back(system: Actor) -> None:
    definition = copy.deepcopy(HOUSEHOLD)
    definition["pages"][0]["questions"].append(
        {
            "key": LONG,
            "kind": "SINGLE_CHOICE",
            "labelVi": "Dài",
            "choices": options(("-99", "Không rõ")),
            "allowOther": True,
        }
    )
    created = await services.create(
        system, data=SurveyData(title="Hộ gia đình", admin_unit_code="96", definition=definition)
    )
    survey = await services.publish(system, survey_id=created.id)
    answers = {
        "hhHead_name": "Lan",
        "opening": "-99",
        "why_other": "mất điện",
        LONG: "other",
        f"{LONG}_other": "ở nhờ",
    }

    async with in_transaction():
        [result] = await sync_responses(system, items=[response(survey, answers)])
    why = await results.text_answers(system, survey_id=survey.id, question_key="why_other")
    longest = await results.text_answers(system, survey_id=survey.id, question_key=f"{LONG}_other")
    other = results.text_answers(system, survey_id=survey.id, question_key="opening_other")

    assert result.status == SyncStatus.CREATED, result.errors
    assert [a.value_text for a in await why] == ["mất điện"]
    assert [a.value_text for a in await longest] == ["ở nhờ"]
    with pytest.raises(NotFound):  # "opening" allows no other answer
        await other
