"""Repeat groups (decision 0035): the definition of a REPEAT, and the checking of its
instances against the shared vectors ``form_vectors_repeats.json`` (which the PWA runs
in TypeScript as well)."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.errors import DomainError, ValidationFailed
from surveys.definition import QuestionKind, check_answers, parse_form
from tests.surveys.survey_data import choices, question

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "form_vectors_repeats.json").read_text(encoding="utf-8")
)


def test_the_vectors_cover_what_the_decision_lists() -> None:
    assert len(VECTORS) >= 25
    assert len({v["name"] for v in VECTORS}) == len(VECTORS)
    for vector in VECTORS:
        assert set(vector) == {"name", "definition", "answers", "today", "errors", "kept"}


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_form_vector(vector: dict[str, Any]) -> None:
    form = parse_form(vector["definition"])
    answers = copy.deepcopy(vector["answers"])

    checked = check_answers(form, answers, today=date.fromisoformat(vector["today"]))

    errors = [{"field": e.field, "code": e.code} for e in checked.errors]
    assert sorted(errors, key=str) == sorted(vector["errors"], key=str)
    assert checked.answers == vector["kept"]
    assert answers == vector["answers"]  # the answers sent are not changed


def _repeat(key: str, questions: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {**question(key, "REPEAT"), "questions": questions, **extra}


def _refusals(questions: list[dict[str, Any]]) -> list[tuple[str | None, str]]:
    with pytest.raises((DomainError, ValidationFailed)) as caught:
        parse_form({"pages": [{"key": "p", "questions": questions}]})
    error = caught.value
    listed = error.errors if isinstance(error, ValidationFailed) else [error]
    return [(e.field, e.code) for e in listed]


def test_a_repeat_parses_with_its_nested_questions_and_keys_over_the_whole_form() -> None:
    form = parse_form(
        {
            "pages": [
                {
                    "key": "p",
                    "questions": [
                        question("size", "INTEGER"),
                        _repeat(
                            "members",
                            [question("name", "TEXT"), _repeat("jobs", [question("job", "TEXT")])],
                            repeatCount="${size}",
                        ),
                    ],
                }
            ]
        }
    )

    assert [q.key for q in form.questions] == ["size", "members"]
    assert [q.key for q in form.everything] == ["size", "members", "name", "jobs", "job"]
    members = form.by_key["members"]
    assert members.kind == QuestionKind.REPEAT and members.repeat_count is not None
    assert members.count_bounds == (0, 50)
    assert form.by_key["job"].parents == ("members", "jobs")
    assert form.answer_keys == {"size", "members"}
    assert members.instance_keys == {"name", "jobs"}


def test_keys_are_unique_over_the_whole_form_nested_ones_included() -> None:
    refusals = _refusals([question("name", "TEXT"), _repeat("members", [question("name", "TEXT")])])

    assert refusals == [("pages.0.questions.1.questions.0.key", "DUPLICATE_QUESTION_KEY")]


def test_repeats_nest_at_most_three_levels() -> None:
    deep = _repeat("a", [_repeat("b", [_repeat("c", [_repeat("d", [question("x", "TEXT")])])])])

    assert _refusals([deep]) == [
        ("pages.0.questions.0.questions.0.questions.0.questions.0", "REPEAT_TOO_DEEP")
    ]
    three = _repeat("a", [_repeat("b", [_repeat("c", [question("x", "TEXT")])])])
    assert parse_form({"pages": [{"questions": [three]}]}).by_key["x"].parents == ("a", "b", "c")


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"maxCount": 201}, "maxCount"),
        ({"minCount": -1}, "minCount"),
        ({"minCount": 5, "maxCount": 4}, "minCount"),
        ({"maxCount": "ten"}, "maxCount"),
        ({"maxCount": True}, "maxCount"),
    ],
)
def test_instance_counts_are_whole_numbers_up_to_200(extra: dict[str, Any], field: str) -> None:
    refusals = _refusals([_repeat("members", [question("name", "TEXT")], **extra)])

    assert refusals == [(f"pages.0.questions.0.{field}", "INVALID_REPEAT_COUNT")]


def test_a_repeat_needs_questions_and_only_a_repeat_has_them() -> None:
    assert _refusals([_repeat("members", [])]) == [
        ("pages.0.questions.0.questions", "EMPTY_REPEAT")
    ]
    text = {**question("name", "TEXT"), "questions": [question("x", "TEXT")]}
    assert _refusals([text]) == [("pages.0.questions.0.questions", "INVALID_REPEAT")]
    counted = {**question("age", "INTEGER"), "maxCount": 3}
    assert _refusals([counted]) == [("pages.0.questions.0.questions", "INVALID_REPEAT")]


@pytest.mark.parametrize(
    ("count", "code"),
    [
        ("${later}", "INVALID_RULE"),  # a later question
        ("${members}", "INVALID_RULE"),  # the repeat itself
        ("${name}", "INVALID_RULE"),  # its own field
        ("${size} +", "INVALID_RULE"),  # not a rule
        ([3], "INVALID"),
    ],
)
def test_repeat_count_is_a_rule_over_earlier_answers(count: Any, code: str) -> None:
    questions = [
        question("size", "INTEGER"),
        _repeat("members", [question("name", "TEXT")], repeatCount=count),
        question("later", "INTEGER"),
    ]

    assert _refusals(questions) == [("pages.0.questions.1.repeatCount", code)]


def test_repeat_count_may_be_a_number_or_read_the_enclosing_instance() -> None:
    plots = _repeat("plots", [question("area", "DECIMAL")], repeatCount="${plot_total}")
    households = _repeat("households", [question("plot_total", "INTEGER"), plots], repeatCount=2)

    form = parse_form({"pages": [{"questions": [households]}]})

    checked = check_answers(
        form,
        {"households": [{"plot_total": 1, "plots": [{"area": 1}]}, {"plot_total": 0}]},
        today=date(2026, 11, 30),
    )
    assert checked.errors == []


def test_rules_may_read_enclosing_instances_top_level_answers_and_repeats_as_node_sets() -> None:
    questions = [
        question("village", "TEXT"),
        _repeat(
            "members",
            [
                question("age", "INTEGER"),
                _repeat(
                    "jobs",
                    [question("job", "TEXT", relevant="${age} >= 15 and ${village} != ''")],
                ),
            ],
        ),
        {"key": "jobs_total", "kind": "CALCULATE", "calculation": "count(${job})"},
    ]

    form = parse_form({"pages": [{"questions": questions}]})

    assert form.by_key["job"].relevant is not None
    # a field of a repeat that comes later is still unknown
    refused = [
        _repeat("members", [question("age", "INTEGER", relevant="${job} = 'x'")]),
        _repeat("jobs", [question("job", "TEXT")]),
    ]
    assert _refusals(refused) == [("pages.0.questions.0.questions.0.relevant", "INVALID_RULE")]


def test_repeats_count_towards_the_question_limit() -> None:
    many = [question(f"q{i}", "TEXT") for i in range(200)]

    assert _refusals([_repeat("members", many)]) == [("pages", "TOO_MANY_QUESTIONS")]


def _roster(**extra: Any) -> Any:
    return parse_form(
        {
            "pages": [
                {
                    "questions": [
                        _repeat(
                            "members",
                            [
                                question("name", "TEXT"),
                                question("sex", "SINGLE_CHOICE", choices=choices("f", "m")),
                                question("age", "INTEGER"),
                                question("photo", "PHOTO"),
                            ],
                            **extra,
                        )
                    ]
                }
            ]
        }
    )


def test_answer_rows_are_written_per_instance_so_results_count_every_member() -> None:
    members = [
        {"name": "Lan", "sex": "f", "age": 34},
        {"name": "Minh", "sex": "m", "age": 36},
        {"name": "Hoa", "sex": "f"},
    ]

    checked = check_answers(_roster(), {"members": members}, today=date(2026, 11, 30))

    assert sorted(r for r in checked.rows if r[0] == "sex") == [
        ("sex", "f", None),
        ("sex", "f", None),
        ("sex", "m", None),
    ]
    assert sorted(r for r in checked.rows if r[0] == "age") == [
        ("age", "34", 34.0),
        ("age", "36", 36.0),
    ]
    assert sorted(checked.texts) == [
        ("name", "Hoa", None),
        ("name", "Lan", None),
        ("name", "Minh", None),
    ]


def test_photos_inside_instances_are_expected_once_per_distinct_photo() -> None:
    a, b = "a" * 64, "b" * 64
    members = [{"photo": a}, {"photo": b}, {"photo": a.upper()}, {}]

    checked = check_answers(_roster(), {"members": members}, today=date(2026, 11, 30))

    assert checked.errors == []
    assert checked.photos == 2  # stored once per (question, photo), as uploads are


def test_a_response_holds_at_most_1000_instances() -> None:
    form = parse_form(
        {
            "pages": [
                {
                    "questions": [
                        _repeat(
                            "households",
                            [_repeat("members", [question("age", "INTEGER")], maxCount=200)],
                            maxCount=200,
                        )
                    ]
                }
            ]
        }
    )
    households = [{"members": [{"age": 1}] * 100} for _ in range(11)]

    checked = check_answers(form, {"households": households}, today=date(2026, 11, 30))

    assert [(e.field, e.code) for e in checked.errors] == [
        ("answers.households[9].members", "RESPONSE_TOO_MANY_INSTANCES")
    ]


def test_a_refusal_inside_an_instance_pipes_that_instances_answers() -> None:
    form = parse_form(
        {
            "pages": [
                {
                    "questions": [
                        _repeat(
                            "members",
                            [
                                question("name", "TEXT"),
                                question("age", "INTEGER", labelVi="Tuổi của ${name}", max=120),
                            ],
                        )
                    ]
                }
            ]
        }
    )

    checked = check_answers(
        form,
        {"members": [{"name": "Lan", "age": 34}, {"name": "Minh", "age": 300}]},
        today=date(2026, 11, 30),
    )

    (refusal,) = checked.errors
    assert (refusal.field, refusal.params["label_vi"]) == (
        "answers.members[1].age",
        "Tuổi của Minh",
    )
