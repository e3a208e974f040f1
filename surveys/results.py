"""Results of a survey within an area, added up from the answer counts sync writes.

Seven statements whatever the number of questions or responses: the survey, the area,
the latest version, the responses per unit path (their sum is the total), the child
units, the counts per (question, text, number) of the option and number questions, and
the answered count of each text and date question. Both count queries read
``survey_answer_count`` (one row per distinct value per sync call, written with the
answers) through its one index, in its order. Options, answered counts and every number
statistic (the median included) are computed in Python from a few hundred rows.

Within an area smaller than the survey's, the unit path is a range on that index (on
SQLite the equivalent range is added to the ``LIKE``; on PostgreSQL the column is
``COLLATE "C"``), so a commune reads its own rows only. See docs/decisions/0011-survey-answer-indexes.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from tortoise.functions import Count, Sum

from core.actor import Actor, ApiScope
from core.errors import NotFound, PermissionDenied
from network import admin_units
from network.models import AdminUnit
from surveys import services
from surveys.definition import (
    CHOICE_KINDS,
    NUMBER_KINDS,
    TEXT_KINDS,
    Form,
    QuestionKind,
    parse_form,
)
from surveys.models import Survey, SurveyAnswer, SurveyAnswerCount, SurveyResponse, SurveyVersion

OPTION_KINDS = CHOICE_KINDS | {QuestionKind.YES_NO, QuestionKind.RATING, QuestionKind.ACKNOWLEDGE}
# Questions whose results are an answered count only (locations and photos have none;
# recordings and files are counted, decision 0038).
COUNTED_KINDS = TEXT_KINDS | {
    QuestionKind.DATE,
    QuestionKind.TIME,
    QuestionKind.DATETIME,
    QuestionKind.AUDIO,
    QuestionKind.FILE,
}


@dataclass(frozen=True)
class OptionCount:
    value: str
    count: int
    percent: float


@dataclass(frozen=True)
class NumberSummary:
    count: int
    mean: float | None
    median: float | None
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class QuestionResult:
    key: str
    kind: QuestionKind
    label_vi: str
    label_en: str
    answered: int
    options: list[OptionCount]
    numbers: NumberSummary | None
    # The repeat the question belongs to (the innermost), None at the top level: its
    # counts are of instances (members, plots), not of responses.
    repeat: str | None = None


@dataclass(frozen=True)
class UnitCount:
    unit: AdminUnit
    responses: int


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    area: AdminUnit
    responses: int
    questions: list[QuestionResult]
    units: list[UnitCount]


async def area_of(actor: Actor, survey: Survey, code: str | None) -> AdminUnit:
    """The unit results are read for: ``code`` (in scope), else the survey's unit when
    the actor sees all of it, else the actor's own unit."""
    if code:
        return await admin_units.get_in_scope(actor, code=code)
    if actor.can_see(survey.unit_path):
        return await AdminUnit.get(id=survey.admin_unit_id)
    return await admin_units.get(code=actor.scope_code or "")


async def latest_form(survey: Survey) -> Form:
    version = (
        await SurveyVersion.filter(survey_id=survey.id).order_by("-version").first()
        if survey.current_version
        else None
    )
    return parse_form(version.definition if version else survey.definition)


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


async def results(
    actor: Actor, *, survey_id: int, admin_unit_code: str | None = None
) -> SurveyResults:
    survey = await services.get(actor, survey_id=survey_id)
    area = await area_of(actor, survey, admin_unit_code)
    form = await latest_form(survey)
    responses = SurveyResponse.filter(survey_id=survey.id)
    answers = SurveyAnswerCount.filter(survey_id=survey.id)
    if area.path != survey.unit_path:  # every response lies in the survey's own area
        responses = within(responses, area.path)
        answers = within(answers, area.path)
    per_path = (
        await responses.annotate(n=Count("id")).group_by("unit_path").values_list("unit_path", "n")
    )
    total = sum(int(n) for _, n in per_path)
    children = await AdminUnit.filter(parent_id=area.id, valid_to=None).order_by("path")
    counts = {c.id: 0 for c in children}
    for unit_path, n in per_path:
        child = next((c for c in children if str(unit_path).startswith(c.path)), None)
        if child is not None:
            counts[child.id] += int(n)
    units = [UnitCount(c, counts[c.id]) for c in children]

    # a calculation is tallied like a number: its answered count, and a summary when
    # its values are numbers
    # (questions inside repeats included: their rows are written per instance, so a
    # member's choice is tallied once per member)
    tallied = [
        q.key
        for q in form.everything
        if q.kind in OPTION_KINDS | NUMBER_KINDS or q.kind == QuestionKind.CALCULATE
    ]
    counted = [q.key for q in form.everything if q.kind in COUNTED_KINDS] + [
        f"{q.key}_other" for q in form.everything if q.allows_other
    ]
    tallies = await _tallies(answers, tallied)
    answered = {key: tally.answered(form.by_key[key].kind) for key, tally in tallies.items()}
    if counted:
        answered.update(
            (str(k), int(n))
            for k, n in await answers.filter(question_key__in=counted)
            .annotate(total=Sum("n"))
            .group_by("question_key")
            .values_list("question_key", "total")
        )

    questions: list[QuestionResult] = []
    for question in form.everything:
        if question.kind in (
            QuestionKind.REPEAT,
            QuestionKind.NOTE,
            QuestionKind.PHOTO,
            QuestionKind.LOCATION,
            QuestionKind.GEOTRACE,
            QuestionKind.GEOSHAPE,
        ):
            continue
        n_answered = int(answered.get(question.key, 0))
        tally = tallies.get(question.key, _Tally())
        values = list(question.choices)
        if question.kind == QuestionKind.YES_NO:
            values = ["yes", "no"]
        elif question.kind == QuestionKind.RATING:
            values = ["1", "2", "3", "4", "5"]
        elif question.kind == QuestionKind.ACKNOWLEDGE:
            values = ["OK"]
        elif question.allows_other:
            values.append("other")
        found = tally.by_text
        option_counts = (
            [OptionCount(v, found.get(v, 0), _percent(found.get(v, 0), n_answered)) for v in values]
            if question.kind in OPTION_KINDS
            else []
        )
        numeric = question.kind in NUMBER_KINDS or (
            question.kind == QuestionKind.CALCULATE and bool(tally.numbers)
        )
        summary = tally.summary() if numeric else None
        questions.append(
            QuestionResult(
                key=question.key,
                kind=question.kind,
                label_vi=str(question.get("labelVi") or ""),
                label_en=str(question.get("labelEn") or question.get("labelVi") or ""),
                answered=n_answered,
                options=option_counts,
                numbers=summary,
                repeat=question.parents[-1] if question.parents else None,
            )
        )
    return SurveyResults(survey, area, total, questions, units)


@dataclass
class _Tally:
    """One question's answer rows in an area, as counts per distinct (text, number)."""

    by_text: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    flagged: int = 0  # rows carrying a number (a multiple choice flags its first option)
    numbers: dict[float, int] = field(default_factory=dict)

    def add(self, text: Any, number: Any, n: int) -> None:
        key = str(text)
        self.by_text[key] = self.by_text.get(key, 0) + n
        self.rows += n
        if number is not None:
            self.flagged += n
            value = float(number)
            self.numbers[value] = self.numbers.get(value, 0) + n

    def answered(self, kind: QuestionKind) -> int:
        """A multiple choice is answered once per response (its flagged first option);
        any other question once per row."""
        if kind == QuestionKind.MULTIPLE_CHOICE:
            return self.flagged
        return self.rows

    def summary(self) -> NumberSummary:
        """Count, mean, median, min and max from the counts per value: the median is the
        middle value (or the mean of the two middle values) in ascending order."""
        if not self.numbers:
            return NumberSummary(self.rows, None, None, None, None)
        ordered = sorted(self.numbers.items())
        count = self.flagged
        mean = math.fsum(value * n for value, n in ordered) / count
        middle = [_nth(ordered, (count - 1) // 2)]
        if count % 2 == 0:
            middle.append(_nth(ordered, count // 2))
        median = sum(middle) / len(middle)
        return NumberSummary(
            self.rows, _round(mean), _round(median), _round(ordered[0][0]), _round(ordered[-1][0])
        )


def _percent(count: int, of: int) -> float:
    return round(100.0 * count / of, 2) if of else 0.0


def _nth(ordered: list[tuple[float, int]], index: int) -> float:
    """The value at ``index`` (from 0) of the ascending values each repeated n times."""
    seen = 0
    for value, n in ordered:
        seen += n
        if index < seen:
            return value
    raise IndexError(index)


async def _tallies(answers: Any, keys: list[str]) -> dict[str, _Tally]:
    """Counts per (question, text, number) of the option and number questions. The
    inner GROUP BY adds the unit path so it follows the index's order (no sort of the
    count rows); the outer one adds the groups up across units."""
    tallies = {key: _Tally() for key in keys}
    if not keys:
        return tallies
    inner = (
        answers.filter(question_key__in=keys)
        .annotate(total=Sum("n"))
        .group_by("question_key", "unit_path", "value_text", "value_number")
        .values_list("question_key", "value_text", "value_number", "total")
    )
    inner.sql()  # builds inner.query
    sql, params = inner.query.get_parameterized_sql()
    _, rows = await SurveyAnswerCount._meta.db.execute_query(
        f'SELECT "0", "1", "2", SUM("total") FROM ({sql}) AS per_unit GROUP BY "0", "1", "2"',  # noqa: S608 - built by the ORM
        params,
    )
    for key, text, number, n in (tuple(row) for row in rows):
        tallies[str(key)].add(text, number, int(n))
    return tallies


def within(query: Any, path: str) -> Any:
    """Rows under ``path``. SQLite's ``LIKE`` is case-insensitive so it cannot seek an
    index; under its binary collation the prefix is exactly the range [path, path with
    its last character incremented), which can. (PostgreSQL keeps the ``LIKE`` alone:
    the survey tables' ``unit_path`` columns are ``COLLATE "C"`` there, migration 0008,
    so its planner turns the prefix into the same range itself.)"""
    query = query.filter(unit_path__startswith=path)
    if query.model._meta.db.capabilities.dialect == "sqlite" and path:
        query = query.filter(unit_path__gte=path, unit_path__lt=path[:-1] + chr(ord(path[-1]) + 1))
    return query


async def text_answers(
    actor: Actor,
    *,
    survey_id: int,
    question_key: str,
    admin_unit_code: str | None = None,
) -> Any:
    """A queryset of one text question's answers in an area (free text may hold
    personal data: partner keys need ``read:pii``)."""
    survey = await services.get(actor, survey_id=survey_id)
    if actor.kind == "api_key" and not actor.has_api_scope(ApiScope.READ_PII):
        raise PermissionDenied()
    form = await latest_form(survey)
    question = form.by_key.get(question_key)
    if question is None and question_key.endswith("_other"):
        # the text of an "other" answer (a question may itself be named "…_other")
        question = form.by_key.get(question_key.removesuffix("_other"))
        question = question if question is not None and question.allows_other else None
    elif question is not None and question.kind not in TEXT_KINDS:
        question = None
    if question is None:
        raise NotFound("UNKNOWN_QUESTION", field="questionKey", key=question_key)
    area = await area_of(actor, survey, admin_unit_code)
    return within(
        SurveyAnswer.filter(survey_id=survey.id, question_key=question_key), area.path
    ).order_by("id")
