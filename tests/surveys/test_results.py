"""Results against hand-computed figures, their query count, the counts they read
against the answers, and exports."""

from __future__ import annotations

import asyncio
import csv
import io
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
from openpyxl import load_workbook  # type: ignore[import-untyped]
from strawberry.relay import GlobalID
from tortoise.functions import Sum
from tortoise.transactions import in_transaction
from typer.testing import CliRunner

from core.actor import Actor, Role
from network.models import AdminUnit
from surveys import exports, results, services
from surveys.models import SurveyAnswerCount
from surveys.services import SurveyData
from surveys.sync import SyncStatus, sync_responses
from tests.helpers import sign_in
from tests.surveys.survey_data import choices, other_commune, question, response

SMALL = {
    "pages": [
        {
            "questions": [
                question("internet", "YES_NO", required=True),
                question("apps", "MULTIPLE_CHOICE", choices=choices("vneid", "portal", "cashless")),
                question("members", "INTEGER", required=True),
                question("note", "TEXT"),
            ]
        }
    ]
}
# (commune, internet, apps, members, note)
ROWS: list[tuple[str, bool, list[str], int, str | None]] = [
    ("32002", True, ["vneid", "portal"], 4, "Cần hỗ trợ VNeID"),
    ("32002", False, ["vneid"], 2, None),
    ("32002", True, [], 7, None),
    ("other", True, ["cashless"], 3, None),
]


async def _fixture(system: Actor) -> tuple[Any, str]:
    survey = await services.create(
        system, data=SurveyData(title="Sẵn sàng số", admin_unit_code="96", definition=SMALL)
    )
    survey = await services.publish(system, survey_id=survey.id)
    other = await other_commune()
    items = []
    for unit, internet, apps, members, note in ROWS:
        answers: dict[str, Any] = {"internet": internet, "apps": apps, "members": members}
        if note:
            answers["note"] = note
        items.append(response(survey, answers, unit=other if unit == "other" else unit))
    async with in_transaction():
        outcome = await sync_responses(system, items=items)
    assert [r.status for r in outcome] == [SyncStatus.CREATED] * 4
    return survey, other


async def test_results_match_hand_computed_figures(system: Actor, count_queries: Any) -> None:
    survey, other = await _fixture(system)

    count_queries.queries.clear()
    province = await results.results(system, survey_id=survey.id)
    queries = len(count_queries)
    count_queries.queries.clear()
    commune = await results.results(system, survey_id=survey.id, admin_unit_code="32002")
    commune_queries = len(count_queries)

    assert province.responses == 4
    by_key = {q.key: q for q in province.questions}
    assert by_key["internet"].answered == 4
    assert [(o.value, o.count, o.percent) for o in by_key["internet"].options] == [
        ("yes", 3, 75.0),
        ("no", 1, 25.0),
    ]
    assert by_key["apps"].answered == 3
    assert [(o.value, o.count, o.percent) for o in by_key["apps"].options] == [
        ("vneid", 2, 66.67),
        ("portal", 1, 33.33),
        ("cashless", 1, 33.33),
    ]
    numbers = by_key["members"].numbers
    assert numbers is not None
    assert (numbers.count, numbers.mean, numbers.median, numbers.minimum, numbers.maximum) == (
        4,
        4.0,
        3.5,
        2.0,
        7.0,
    )
    per_unit = {u.unit.code: u.responses for u in province.units}
    assert per_unit["32002"] == 3 and per_unit[other] == 1 and sum(per_unit.values()) == 4
    commune_numbers = {q.key: q for q in commune.questions}["members"].numbers
    assert commune.responses == 3
    assert commune_numbers is not None and (commune_numbers.median, commune_numbers.mean) == (
        4.0,
        4.3333,
    )
    # survey, area, latest version, responses per unit path, child units, option and
    # number counts, text answered counts: fixed whatever the number of responses.
    assert queries == commune_queries == 7, count_queries.queries


async def test_results_take_seven_statements_whatever_the_questions(
    system: Actor, count_queries: Any
) -> None:
    """Every question kind (the household survey) or twenty questions (the benchmark's):
    the same seven statements, no query per question."""
    from bench.surveys import DEFINITION as TWENTY
    from bench.surveys import answers as twenty_answers
    from tests.surveys.survey_data import published_survey

    household = await published_survey(system)
    twenty = await services.publish(
        system,
        survey_id=(
            await services.create(
                system,
                data=SurveyData(title="Hai mươi câu", admin_unit_code="96", definition=TWENTY),
            )
        ).id,
    )
    rng = random.Random(3)
    async with in_transaction():
        await sync_responses(
            system,
            items=[response(household)]
            + [response(twenty, twenty_answers(rng, i), unit="32002") for i in range(5)],
        )

    counts = []
    for survey in (household, twenty):
        for code in (None, "32002"):
            count_queries.queries.clear()
            found = await results.results(system, survey_id=survey.id, admin_unit_code=code)
            counts.append(len(count_queries))
            assert found.responses == (1 if survey is household else 5)

    assert counts == [7, 7, 7, 7], count_queries.queries


async def test_a_communes_results_seek_its_rows_on_the_counts_index(system: Actor) -> None:
    """One commune is a range on the counts index, not a filter over every row of the
    survey: on SQLite through ``within``'s range, on PostgreSQL because the column
    compares byte by byte (COLLATE "C", migration 0008) so ``LIKE 'prefix%'`` can seek."""
    survey, _ = await _fixture(system)
    commune = await AdminUnit.get(code="32002")
    query = results.within(
        SurveyAnswerCount.filter(survey_id=survey.id, question_key__in=["internet", "members"]),
        commune.path,
    ).values_list("question_key", "n")
    sql = query.sql(params_inline=True)
    async with in_transaction() as connection:
        if connection.capabilities.dialect == "postgres":
            # four rows: without this the planner would rightly read the table itself
            await connection.execute_script("SET LOCAL enable_seqscan = off")
            _, rows = await connection.execute_query(f"EXPLAIN {sql}")
            plan = "\n".join(str(row["QUERY PLAN"]) for row in rows)
            seek = next(line for line in plan.splitlines() if "Index Cond" in line)
        else:
            _, rows = await connection.execute_query(f"EXPLAIN QUERY PLAN {sql}")
            plan = seek = "\n".join(str(tuple(row)[-1]) for row in rows)
    assert "unit_path" in seek and ">" in seek and "<" in seek, plan


async def test_medians_means_and_choices_from_the_counts_per_value(
    system: Actor,
) -> None:
    """Decimals, ratings, an odd count, multiple choice flags: the figures a sorted list
    gives."""
    definition = {
        "pages": [
            {
                "questions": [
                    question("income", "DECIMAL"),
                    question("rating", "RATING"),
                    question("apps", "MULTIPLE_CHOICE", choices=choices("a", "b", "c")),
                ]
            }
        ]
    }
    survey = await services.create(
        system, data=SurveyData(title="Số liệu", admin_unit_code="96", definition=definition)
    )
    survey = await services.publish(system, survey_id=survey.id)
    incomes = [2.5, 0.1, 7.25, 0.1, 3.0]
    ratings = [5, 1, 4, 4, 2]
    apps: list[list[str]] = [["a", "b"], ["c"], [], ["a", "b", "c"], ["b"]]
    items = [
        response(survey, {"income": i, "rating": r, "apps": a} if a else {"income": i, "rating": r})
        for i, r, a in zip(incomes, ratings, apps, strict=True)
    ]
    async with in_transaction():
        await sync_responses(system, items=items)

    found = {q.key: q for q in (await results.results(system, survey_id=survey.id)).questions}

    income = found["income"].numbers
    rating = found["rating"].numbers
    assert income is not None and rating is not None
    assert (income.count, income.median, income.minimum, income.maximum) == (5, 2.5, 0.1, 7.25)
    assert income.mean == round(sum(incomes) / 5, 4)
    assert (rating.count, rating.mean, rating.median) == (5, 3.2, 4.0)
    assert [(o.value, o.count) for o in found["rating"].options] == [
        ("1", 1),
        ("2", 1),
        ("3", 0),
        ("4", 2),
        ("5", 1),
    ]
    assert found["apps"].answered == 4
    assert [(o.value, o.count, o.percent) for o in found["apps"].options] == [
        ("a", 2, 50.0),
        ("b", 3, 75.0),
        ("c", 2, 50.0),
    ]


async def test_export_csv_and_xlsx_one_row_per_response(system: Actor) -> None:
    survey, _ = await _fixture(system)

    as_csv = await exports.export_responses(system, survey_id=survey.id, fmt="csv")
    as_xlsx = await exports.export_responses(system, survey_id=survey.id, fmt="xlsx")

    rows = list(csv.reader(io.StringIO(as_csv.decode("utf-8-sig"))))
    assert rows[0][-4:] == [
        "Câu internet [internet]",
        "Câu apps [apps]",
        "Câu members [members]",
        "Câu note [note]",
    ]
    assert rows[0][0] == "Mã phiếu [client_id]"
    assert len(rows) == 5
    assert rows[1][-4:] == ["Có", "portal; vneid", "4", "Cần hỗ trợ VNeID"]
    sheet = load_workbook(io.BytesIO(as_xlsx)).active
    assert sheet.max_row == 5 and sheet.cell(1, 1).value == "Mã phiếu [client_id]"


async def test_download_route_and_cli(
    client: httpx.AsyncClient, system: Actor, tmp_path: Path, monkeypatch: Any
) -> None:
    survey, _ = await _fixture(system)
    url = f"/exports/survey-responses/{GlobalID('Survey', str(survey.id))}.csv"
    anonymous = await client.get(url)
    await sign_in(client, system, "field", Role.FIELD_STAFF, "32002")
    field = await client.get(url)
    await sign_in(client, system, "manager", Role.UNIT_MANAGER, "32002")
    manager = await client.get(url)

    assert anonymous.status_code == 401
    assert field.status_code == 403
    assert manager.status_code == 200
    lines = manager.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 3  # the manager's commune only


def test_cli_registers_the_survey_export() -> None:
    from api.cli import app

    result = CliRunner().invoke(app, ["export", "survey-responses", "--help"])
    assert result.exit_code == 0 and "--survey" in result.output


async def _counts_by_value(survey_id: int) -> tuple[dict[tuple[Any, ...], int], ...]:
    """The answers grouped by (unit path, question, text, number): derived again from
    every stored response (its answers checked against its own version), and from the
    counts table."""
    from surveys.definition import check_answers, parse_form
    from surveys.models import SurveyAnswerCount, SurveyResponse, SurveyVersion

    forms = {
        v.version: parse_form(v.definition) for v in await SurveyVersion.filter(survey_id=survey_id)
    }
    derived: dict[tuple[Any, ...], int] = {}
    for stored in await SurveyResponse.filter(survey_id=survey_id):
        checked = check_answers(
            forms[stored.version], stored.answers, today=stored.collected_at.date()
        )
        assert checked.errors == []
        for key, text, number in checked.rows:
            row = (stored.unit_path, key, text, number)
            derived[row] = derived.get(row, 0) + 1
    columns = ("unit_path", "question_key", "value_text", "value_number")
    counted: dict[tuple[Any, ...], int] = {}
    for *key, n in (
        await SurveyAnswerCount.filter(survey_id=survey_id)
        .annotate(total=Sum("n"))
        .group_by(*columns)
        .values_list(*columns, "total")
    ):
        counted[tuple(key)] = int(n)
    return derived, counted


async def test_answer_counts_match_the_answers_after_concurrent_syncs_and_versions(
    system: Actor,
) -> None:
    """Four concurrent copies of a batch, a resend, a conflict and a second version: the
    counts results read add up to exactly the stored responses' answers, and only free
    text is also kept row by row."""
    from surveys.models import SurveyAnswer
    from tests.surveys.survey_data import DEFINITION, GOOD_ANSWERS, published_survey

    survey = await published_survey(system)
    other = await other_commune()
    batch = [response(survey, unit=other if i % 3 else "32002") for i in range(12)]

    async def sync(items: list[Any]) -> Any:
        async with in_transaction():
            return await sync_responses(system, items=items)

    await asyncio.gather(*(sync(batch) for _ in range(4)))
    await sync(batch[:5])
    await sync([replace(batch[0], answers={**GOOD_ANSWERS, "members": 9})])  # a conflict
    pages = [dict(p) for p in DEFINITION["pages"]]
    pages[0] = {**pages[0], "questions": [*pages[0]["questions"], question("zalo", "YES_NO")]}
    await services.update(system, survey_id=survey.id, changes={"definition": {"pages": pages}})
    await sync([response(survey, {**GOOD_ANSWERS, "zalo": True}, version=2) for _ in range(3)])

    answers, counts = await _counts_by_value(survey.id)

    assert answers == counts
    assert sum(answers.values()) == 12 * 13 + 3 * 14
    texts = await SurveyAnswer.filter(survey_id=survey.id).values_list("question_key", flat=True)
    assert sorted(set(texts)) == ["head_name", "phone", "services_note"]
    assert len(texts) == 15 * 3
    found = await results.results(system, survey_id=survey.id)
    assert found.responses == 15
    zalo = {q.key: q for q in found.questions}["zalo"]
    assert (zalo.answered, zalo.options[0].count) == (3, 3)
